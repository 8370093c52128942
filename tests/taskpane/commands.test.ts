import { showRfmPane } from "../../src/commands/commands";

const globals = globalThis as unknown as Record<string, unknown>;

afterEach(() => {
  delete globals.Office;
});

function event() {
  return { completed: jest.fn() } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

describe("ribbon command", () => {
  test("completes the event when the host has no shared runtime to show the pane from", async () => {
    globals.Office = {};
    const e = event();
    showRfmPane(e);
    await Promise.resolve();
    await Promise.resolve();
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test("shows the pane through Office.addin when available, and completes even if that fails", async () => {
    const showAsTaskpane = jest.fn().mockRejectedValueOnce(new Error("not allowed")).mockResolvedValueOnce(undefined);
    globals.Office = { addin: { showAsTaskpane } };
    const failing = event();
    showRfmPane(failing);
    const working = event();
    showRfmPane(working);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(showAsTaskpane).toHaveBeenCalledTimes(2);
    expect(failing.completed).toHaveBeenCalledTimes(1);
    expect(working.completed).toHaveBeenCalledTimes(1);
  });
});
