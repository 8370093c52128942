import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { PreviousOutput } from "../excel/gateway";
import { useStrings } from "./strings-context";

export type ReplaceChoice = "replace" | "keep" | "cancel";

/**
 * Asks whether the add-in's sheets from an earlier run may be replaced, naming each by its current name and saying
 * when the user renamed or edited it since; those are unticked (kept) unless the user ticks them.
 */
export function ReplaceDialog(props: {
  open: boolean;
  outputs?: PreviousOutput[];
  onAnswer: (choice: ReplaceChoice, replaceSheetIds?: string[]) => void;
}) {
  const { t } = useStrings();
  const offered = props.outputs;
  const outputs = offered ?? [];
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  useEffect(() => {
    setTicked(new Set((offered ?? []).filter((o) => !o.renamed && !o.edited).map((o) => o.id)));
  }, [offered]);
  const toggle = (id: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Dialog modalType="alert" open={props.open} onOpenChange={(_, data) => !data.open && props.onAnswer("cancel")}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("replace.title")}</DialogTitle>
          <DialogContent>
            <Text block>{t("replace.body")}</Text>
            {outputs.length > 0 && (
              <>
                <Caption1 block>{t("replace.listHint")}</Caption1>
                <ul aria-label={t("replace.title")} style={{ listStyle: "none", paddingLeft: 0 }}>
                  {outputs.map((output) => {
                    const notes = [
                      output.renamed ? t("replace.renamed", { name: output.writtenName }) : undefined,
                      output.edited ? t("replace.edited") : undefined,
                    ].filter((note): note is string => note !== undefined);
                    return (
                      <li key={output.id}>
                        <Checkbox
                          checked={ticked.has(output.id)}
                          onChange={(_, data) => toggle(output.id, data.checked === true)}
                          label={notes.length > 0 ? `${output.currentName} (${notes.join("; ")})` : output.currentName}
                        />
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={outputs.length > 0 && ticked.size === 0}
              onClick={() =>
                props.onAnswer(
                  "replace",
                  outputs.length > 0 ? outputs.filter((o) => ticked.has(o.id)).map((o) => o.id) : undefined,
                )
              }
            >
              {t("replace.replace")}
            </Button>
            <Button onClick={() => props.onAnswer("keep")}>{t("replace.keep")}</Button>
            <Button onClick={() => props.onAnswer("cancel")}>{t("replace.cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
