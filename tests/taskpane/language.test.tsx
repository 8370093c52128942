import { screen, within } from "@testing-library/react";
import { LANGUAGES, MESSAGES, SEGMENT_ACTIONS } from "../../src/i18n";
import { untranslated } from "./catalogue-text";
import { choose, renderPane } from "./render-pane";

jest.setTimeout(60_000);

describe("languages", () => {
  test("switching to 简体中文 shows Chinese labels and writes Chinese labels to the workbook", async () => {
    const { user, gateway } = renderPane();
    await choose(user, "Language", "简体中文");
    const zh = MESSAGES["zh-Hans"];
    expect(screen.getByRole("heading", { name: "RFM 客户分群" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: zh["source.useSelection"] }));
    expect(await screen.findByRole("combobox", { name: zh["mapping.customer"] })).toHaveTextContent("A：Customer");
    await user.click(screen.getByRole("button", { name: zh["run.button"] }));
    const results = await screen.findByRole("region", { name: zh["results.heading"] });
    expect(within(results).getByText("1 行没有客户编号：第 7 行")).toBeInTheDocument();
    expect(gateway.writes[0]!.labels.language).toBe("zh-Hans");
    expect(gateway.writes[0]!.labels.sheets.customers).toBe("RFM 客户");
    expect(gateway.stored).toMatchObject({ language: "zh-Hans" });
  });

  test("an edited action stays as typed across a language switch, says so, and can be restored alone", async () => {
    const { user } = renderPane();
    const en = MESSAGES.en;
    await user.click(screen.getByRole("button", { name: en["settings.heading"] }));
    await user.click(screen.getByRole("button", { name: en["settings.actions"] }));
    const [edited, untouched] = screen.getAllByRole("textbox", { name: /^Action for / });
    await user.clear(edited!);
    await user.type(edited!, "Call them this week");
    expect(screen.getAllByText(en["settings.actionEdited"])).toHaveLength(1);
    const untouchedInEnglish = (untouched as HTMLTextAreaElement).value;

    await choose(user, "Language", "简体中文");
    const zh = MESSAGES["zh-Hans"];
    const [editedZh, untouchedZh] = screen.getAllByRole("textbox", { name: /的行动$/ });
    expect(editedZh).toHaveValue("Call them this week");
    expect(untouchedZh).not.toHaveValue(untouchedInEnglish);
    expect(Object.values(SEGMENT_ACTIONS["zh-Hans"])).toContain((untouchedZh as HTMLTextAreaElement).value);
    expect(screen.getAllByText(zh["settings.actionEdited"])).toHaveLength(1);

    const restore = screen.getAllByRole("button", { name: /^恢复.+的默认行动$/ });
    expect(restore).toHaveLength(1);
    await user.click(restore[0]!);
    expect(Object.values(SEGMENT_ACTIONS["zh-Hans"])).toContain((editedZh as HTMLTextAreaElement).value);
    expect(screen.queryByText(zh["settings.actionEdited"])).toBeNull();
  });

  test.each(LANGUAGES)("%s: every visible text is from the catalogue or the user's data", async (language) => {
    const { user } = renderPane({ language });
    const t = MESSAGES[language];
    expect(screen.getByRole("heading", { name: t["app.title"] })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: t["settings.heading"] }));
    await user.click(screen.getByRole("button", { name: t["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: t["run.button"] }));
    const results = await screen.findByRole("region", { name: t["results.heading"] });
    for (const scheme of ["standard", "valueClass", "tier", "lifecycle"] as const) {
      await user.click(within(results).getByRole("tab", { name: t[`settings.scheme.${scheme}`] }));
      expect(untranslated(language)).toEqual([]);
    }
  });
});
