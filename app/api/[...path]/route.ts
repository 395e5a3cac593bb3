/**
 * Any /api/ path no route handles: a JSON 404. Without it Next.js renders the HTML 404 page there,
 * a page that also takes POSTs for server actions and client-side navigations, with their 500s.
 */
function notFound() {
  return Response.json({ error: "not_found", message: "no such API route" }, { status: 404 });
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
