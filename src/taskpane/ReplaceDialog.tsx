import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useStrings } from "./strings-context";

/** Asks whether the add-in's sheets from an earlier run may be replaced. */
export function ReplaceDialog(props: { open: boolean; onAnswer: (choice: "replace" | "keep" | "cancel") => void }) {
  const { t } = useStrings();
  return (
    <Dialog modalType="alert" open={props.open} onOpenChange={(_, data) => !data.open && props.onAnswer("cancel")}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("replace.title")}</DialogTitle>
          <DialogContent>{t("replace.body")}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => props.onAnswer("replace")}>
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
