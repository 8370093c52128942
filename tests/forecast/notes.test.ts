/** SPEC "Forecast": "Otherwise that part is left out with a plain reason": every reason code has a text in each language. */
import { FORECAST_NOTES } from "../../src/forecast/index";
import { EN_MESSAGES } from "../../src/i18n/messages-en";
import { ZH_HANS_MESSAGES } from "../../src/i18n/messages-zh-hans";
import { ZH_HANT_MESSAGES } from "../../src/i18n/messages-zh-hant";

test.each([
  ["en", EN_MESSAGES],
  ["zh-Hans", ZH_HANS_MESSAGES],
  ["zh-Hant", ZH_HANT_MESSAGES],
] as [string, Record<string, string>][])("%s has a text for every forecast note", (_, messages) => {
  for (const note of FORECAST_NOTES) expect(messages[`forecast.note.${note}`]).toMatch(/\S/);
});
