/**
 * Who may join a class, and what joining again does. The data layer gathers the facts in one
 * transaction and applies the decision.
 */
export type JoinRefusal = "own_class" | "class_archived" | "joining_closed";

export type JoinDecision =
  | { kind: "join" }
  /** Joining twice does nothing: the enrolment, its date and its name stay as they are. */
  | { kind: "already-member" }
  | { kind: "refused"; reason: JoinRefusal };

export interface JoinFacts {
  /** The joiner teaches this class: a teacher on their own roster would skew its figures. */
  isTeacher: boolean;
  alreadyMember: boolean;
  archived: boolean;
  joiningOpen: boolean;
}

export function decideJoin(facts: JoinFacts): JoinDecision {
  if (facts.isTeacher) return { kind: "refused", reason: "own_class" };
  // A member who opens the link again is told they are in, whatever the class's state now.
  if (facts.alreadyMember) return { kind: "already-member" };
  if (facts.archived) return { kind: "refused", reason: "class_archived" };
  if (!facts.joiningOpen) return { kind: "refused", reason: "joining_closed" };
  return { kind: "join" };
}

export interface RosterNameSource {
  displayName: string | null;
  accountName: string | null;
  email: string | null;
}

/** How the roster names a student: the name given when joining, else the account's, else its email. */
export function rosterName(source: RosterNameSource): string {
  return source.displayName || source.accountName || source.email || "—";
}
