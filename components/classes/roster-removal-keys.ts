/**
 * What a roster row's "Remove" button carries for the one removal dialog (roster-removal.tsx).
 * In a module of its own: a server component importing them from the client module would get
 * client references, not the strings.
 */
export const REMOVE_ENROLLMENT = "data-remove-enrollment";
export const REMOVE_NAME = "data-remove-name";
