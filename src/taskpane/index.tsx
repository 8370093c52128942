/** Task-pane entry (webpack's `taskpane` chunk). */
import { startTaskpane } from "./start-taskpane";

const container = document.getElementById("container");
if (container) void startTaskpane(container);
