/**
 * Ribbon function file. The Home-tab button opens the pane through the manifest's ShowTaskpane action; this page
 * registers `showRfmPane` for hosts whose manifest binds a button to ExecuteFunction instead.
 */
export function showRfmPane(event: Office.AddinCommands.Event): void {
  const addin = typeof Office !== "undefined" ? Office.addin : undefined;
  // Office.addin.showAsTaskpane needs a shared runtime; without one the manifest's ShowTaskpane action does the work.
  const shown = addin && typeof addin.showAsTaskpane === "function" ? addin.showAsTaskpane() : Promise.resolve();
  const done = () => event.completed();
  shown.then(done, done);
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    Office.actions?.associate("showRfmPane", showRfmPane);
  });
}
