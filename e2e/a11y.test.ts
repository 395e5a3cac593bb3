import { testEveryPage } from "./a11y-pages";

testEveryPage();
