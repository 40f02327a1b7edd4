import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, preloadPage } from "./App.js";
import { parseRoute } from "./routes.js";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The first render waits (briefly) for the page the address opens, while the session check runs:
// React holds back content that replaces a loading fallback by a few hundred milliseconds, so not
// showing one on the first page makes it usable sooner.
const firstPage = preloadPage(parseRoute(window.location.hash));
const notTooLong = new Promise((resolve) => setTimeout(resolve, 1000));
void Promise.race([firstPage, notTooLong]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
