-- CreateIndex
CREATE INDEX "ReviewBucket_learnerId_bucketStart_reviews_youngTotal_youngRecalled_matureTotal_matureRecalled_idx" ON "ReviewBucket"("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled");

