import { testEveryPage } from "./a11y-pages";

// The same pages as a11y.test.ts, on a phone screen.
testEveryPage();
