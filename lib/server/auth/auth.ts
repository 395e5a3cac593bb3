import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { cookies } from "next/headers";
import { LoginSchema } from "@/lib/core/accounts/account-schemas";
import { db } from "../db";
import { LEARNER_COOKIE, verifyLearnerCookie } from "../guest-cookie";
import { clientAddress } from "../request";
import { mergeGuestIntoUser } from "./accounts";
import {
  createAuthSession,
  endAuthSession,
  findOrCreateOAuthUser,
  getSessionUser,
  SESSION_MAX_AGE_SECONDS,
  SignInBlockedError,
  verifyCredentials,
} from "./auth-sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: string } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    uid?: string;
    role?: string;
  }
}

class RateLimitedSignIn extends CredentialsSignin {
  override code = "rate_limited";
}

/** GitHub and Google sign-in exist only when their credentials are configured. */
function oauthProviders(): NextAuthConfig["providers"] {
  const providers: NextAuthConfig["providers"] = [];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) providers.push(GitHub);
  if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) providers.push(Google);
  return providers;
}

export const enabledOAuthProviders = () =>
  oauthProviders()
    .map((p) => (typeof p === "function" ? p() : p))
    .map((p) => ({ id: p.id, name: p.name }));

/** After any sign-in: a guest's progress in this browser moves into the account. */
async function adoptGuestProgress(userId: string) {
  const jar = await cookies();
  const guestId = verifyLearnerCookie(jar.get(LEARNER_COOKIE)?.value);
  if (guestId) await mergeGuestIntoUser(db, { guestLearnerId: guestId, userId });
  jar.delete(LEARNER_COOKIE);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  // Secure cookies whenever the app is served over HTTPS (production); HttpOnly and SameSite=Lax always.
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials, request) => {
        const parsed = LoginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          return await verifyCredentials(db, {
            ...parsed.data,
            ip: clientAddress(request.headers),
            now: new Date(),
          });
        } catch (error) {
          if (error instanceof SignInBlockedError) throw new RateLimitedSignIn();
          throw error;
        }
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // The JWT only names a database session: ending that row (sign-out, password change,
    // deletion) ends the session even though a JWT alone cannot be revoked.
    async jwt({ token, user, account, profile }) {
      const now = new Date();
      if (user) {
        const accountUser =
          account?.provider === "credentials" || !account
            ? { id: user.id ?? "" }
            : await findOrCreateOAuthUser(db, {
                email: String(user.email ?? ""),
                name: user.name ?? null,
                emailVerified: account.provider === "google" && profile?.email_verified === true,
              });
        await adoptGuestProgress(accountUser.id);
        return { ...token, sid: await createAuthSession(db, { userId: accountUser.id, now }) };
      }
      if (!token.sid) return null;
      const live = await getSessionUser(db, { sessionId: token.sid, now });
      if (!live) return null;
      return { ...token, uid: live.id, role: live.role, name: live.name, email: live.email };
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.role = token.role ?? "learner";
      return session;
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sid)
        await endAuthSession(db, { sessionId: message.token.sid });
    },
  },
});
