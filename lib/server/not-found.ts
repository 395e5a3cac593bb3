import { notFound } from "next/navigation";
import { NotFoundError } from "./errors";

/** For pages: a NotFoundError from the data layer (unknown id, someone else's) renders the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
