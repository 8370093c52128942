/** Pieces the Settings sections share: the panel state and styles they take, a number field, a sub-section. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Input } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { useSettingsPanel } from "./useSettingsPanel";
import type { useSettingsPanelStyles } from "./useSettingsPanelStyles";

type PanelState = ReturnType<typeof useSettingsPanel>;
type PanelStyles = ReturnType<typeof useSettingsPanelStyles>;

/** What every section of the panel gets. */
export interface SectionProps {
  state: PanelState;
  styles: PanelStyles;
}

/**
 * A number field that keeps what the user is typing (an empty or half-typed value is not a setting yet) and
 * follows the setting when it changes from outside, e.g. when remembered settings load.
 */
export function NumberInput(props: {
  className: string;
  value: number;
  min?: number;
  max?: number;
  disabled: boolean;
  onText: (text: string) => void;
}) {
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(String(props.value));
  }
  return (
    <Input
      className={props.className}
      type="number"
      min={props.min}
      max={props.max}
      disabled={props.disabled}
      value={text}
      onChange={(_, data) => {
        setText(data.value);
        props.onText(data.value);
      }}
    />
  );
}

/**
 * A sub-section whose content is mounted only while it is open: the segment grid alone (25 Selects) took most of
 * the 400 ms that opening Settings cost. No collapse animation, whose measuring forced a layout of the whole pane.
 */
export function Section(props: { value: string; heading: string; children: ReactNode }) {
  return (
    <Accordion collapsible>
      <AccordionItem value={props.value}>
        <AccordionHeader as="h3" size="small">
          {props.heading}
        </AccordionHeader>
        <AccordionPanel collapseMotion={null}>{props.children}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
