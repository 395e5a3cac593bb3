export default function Page() {
  return <h1>Minimal page</h1>;
}
