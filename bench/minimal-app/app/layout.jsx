/** The smallest App Router root layout: the floor our pages' first-load JS is compared with. */
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
