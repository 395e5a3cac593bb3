/**
 * The kinds of assignment, without zod: the assignment form renders them, and loads the schemas
 * (./assignment.ts) only when it checks what the teacher typed.
 */
export const ASSIGNMENT_KINDS = ["study", "practice", "interview"] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
