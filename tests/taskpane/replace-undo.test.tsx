import { screen, within } from "@testing-library/react";
import { MESSAGES } from "../../src/i18n";
import { FakeGateway } from "./fake-gateway";
import { renderPane } from "./render-pane";

const en = MESSAGES.en;
// Fluent dialogs under jsdom on a shared 2-core machine take seconds per interaction.
jest.setTimeout(60_000);

describe("Replace dialog and undo", () => {
  test("names each earlier sheet, says which were renamed or edited, and replaces only the ticked ones", async () => {
    const gateway = new FakeGateway();
    gateway.outputs = [
      { id: "a", currentName: "RFM Customers", writtenName: "RFM Customers", renamed: false, edited: false },
      { id: "b", currentName: "Q3 key accounts (final)", writtenName: "RFM Summary", renamed: true, edited: true },
    ];
    const { user } = renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    const dialog = await screen.findByRole("alertdialog", { name: en["replace.title"] });
    const clean = within(dialog).getByRole("checkbox", { name: "RFM Customers" });
    const renamed = within(dialog).getByRole("checkbox", {
      name: "Q3 key accounts (final) (renamed since the add-in wrote it (was RFM Summary); changed since the add-in wrote it)",
    });
    expect(clean).toBeChecked();
    expect(renamed).not.toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: en["replace.replace"] }));
    await screen.findByRole("region", { name: en["results.heading"] });
    expect(gateway.writes[0]).toMatchObject({ replacePrevious: true, replaceSheetIds: ["a"] });
  });

  test("offers Undo last run after a run and calls the gateway", async () => {
    const gateway = new FakeGateway();
    const { user } = renderPane({ gateway });
    expect(screen.queryByRole("button", { name: en["undo.button"] })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    await user.click(await screen.findByRole("button", { name: en["undo.button"] }));
    expect(await screen.findByText(en["undo.done"])).toBeInTheDocument();
    expect(gateway.undone).toBe(1);
    expect(screen.queryByRole("button", { name: en["undo.button"] })).not.toBeInTheDocument();
  });
});
