import { cookies, headers } from "next/headers";
import type { Role } from "@/lib/core/accounts/account-schemas";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { auth } from "./auth";
import { hasUsableAuthOrigin } from "./auth-requests";
import { hasSessionCookie } from "./session-cookie";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: string;
}

/** The signed-in user of this request (checked against the database session), or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  if (!hasUsableAuthOrigin(await headers())) return null;
  const session = await auth();
  if (!session?.user?.id) return null;
  return {
    id: session.user.id,
    email: session.user.email ?? "",
    name: session.user.name ?? null,
    role: session.user.role,
  };
}

/** For every operation on an account: 401 without a live session. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError("sign in first");
  return user;
}

export async function requireRole(role: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== role) throw new ForbiddenError(`only a ${role} may do this`);
  return user;
}
