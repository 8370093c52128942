/**
 * A tier or lifecycle setting the engine would refuse marks its own field (Fluent Field validationState "error")
 * and says why in the field's words, with the numbers; Run then says the same, not "One of the settings is not
 * valid". In English, 简体中文 and 繁體中文.
 */
import { screen } from "@testing-library/react";
import { MESSAGES, type Language } from "../../src/i18n";
import { renderPane } from "./render-pane";

jest.setTimeout(60_000);

async function openSettings(language: Language) {
  const rendered = renderPane({ language });
  await rendered.user.click(screen.getByRole("button", { name: MESSAGES[language]["settings.heading"] }));
  return rendered;
}

async function retype(user: ReturnType<typeof renderPane>["user"], field: HTMLElement, text: string) {
  await user.clear(field);
  await user.type(field, text);
}

describe("settings that cannot be used", () => {
  test("lifecycle days out of order mark the field and say why; Run says the same", async () => {
    const { user } = await openSettings("en");
    const en = MESSAGES.en;
    const active = screen.getByRole("spinbutton", { name: en["settings.lifecycleActive"] });
    expect(active).not.toHaveAttribute("aria-invalid", "true");
    await retype(user, active, "200");
    const why = "Active (200 days) cannot be longer than Recently lapsed (90 days).";
    expect(screen.getByText(why)).toBeInTheDocument();
    expect(active).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("spinbutton", { name: en["settings.lifecycleRecent"] })).not.toHaveAttribute(
      "aria-invalid",
      "true",
    );

    await user.click(screen.getByRole("button", { name: en["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: en["run.button"] }));
    const alert = await screen.findByText(`${why} Change it in Settings.`);
    expect(alert).toBeInTheDocument();
    expect(screen.queryByText(en["error.bad_option"])).toBeNull();

    await retype(user, active, "30");
    expect(screen.queryByText(why)).toBeNull();
    expect(active).not.toHaveAttribute("aria-invalid", "true");
  });

  test("tier shares: key customers above main customers, and main customers above 100%", async () => {
    const { user } = await openSettings("en");
    const en = MESSAGES.en;
    const tierA = screen.getByRole("spinbutton", { name: en["settings.tierA"] });
    const tierB = screen.getByRole("spinbutton", { name: en["settings.tierB"] });
    await retype(user, tierA, "97");
    expect(screen.getByText("Key customers (97%) cannot be more than Main customers (95%).")).toBeInTheDocument();
    expect(tierA).toHaveAttribute("aria-invalid", "true");
    await retype(user, tierB, "120");
    expect(screen.getByText("Main customers (120%) cannot be more than 100%.")).toBeInTheDocument();
    expect(tierB).toHaveAttribute("aria-invalid", "true");
    expect(tierA).not.toHaveAttribute("aria-invalid", "true");
    await retype(user, tierA, "0");
    expect(screen.getByText("Key customers must be more than 0%.")).toBeInTheDocument();
  });

  test.each([
    ["zh-Hans", "活跃会员（200 天）不能长于近期流失会员（90 天）。", "请在“设置”中修改。"],
    ["zh-Hant", "活躍會員（200 天）不能長於近期流失會員（90 天）。", "請在「設定」中修改。"],
  ] as const)("%s: the same in the field's own words", async (language, why, where) => {
    const { user } = await openSettings(language);
    const t = MESSAGES[language];
    await retype(user, screen.getByRole("spinbutton", { name: t["settings.lifecycleActive"] }), "200");
    expect(screen.getByText(why)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: t["source.useSelection"] }));
    await user.click(await screen.findByRole("button", { name: t["run.button"] }));
    expect(await screen.findByText(`${why}${where}`)).toBeInTheDocument();
  });

  test("a lifecycle day count below 0 is named", async () => {
    const { user } = await openSettings("en");
    const active = screen.getByRole("spinbutton", { name: MESSAGES.en["settings.lifecycleActive"] });
    await retype(user, active, "-5");
    expect(screen.getByText("Active cannot be less than 0 days.")).toBeInTheDocument();
    expect(active).toHaveAttribute("aria-invalid", "true");
  });
});
