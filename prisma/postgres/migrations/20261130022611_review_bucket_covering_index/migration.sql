-- CreateIndex
CREATE INDEX "ReviewBucket_learnerId_bucketStart_reviews_youngTotal_young_idx" ON "ReviewBucket"("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled");

