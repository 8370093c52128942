/** Application: calculation mode, recalculation and the suspend…UntilNextSync calls. */
import { SimExcelError } from "./errors";
import { ClientObject } from "./client-object";

export class Application extends ClientObject {
  protected defaultLoadNames(): string[] {
    return ["calculationMode"];
  }
  protected readProperty(name: string): unknown {
    if (name === "calculationMode") return this.context.runtime.model.calculation.mode;
    throw new SimExcelError("InvalidArgument", "Application.load");
  }
  get calculationMode(): string {
    return this.loaded("calculationMode");
  }
  /** Setting it needs ExcelApi 1.8 (@types/office-js, Application.calculationMode). */
  set calculationMode(mode: string) {
    this.setLocal("calculationMode", mode);
    this.context.enqueue("application.calculationMode", () => {
      this.context.requireSet("1.8", "Application.calculationMode");
      if (mode !== "Automatic" && mode !== "AutomaticExceptTables" && mode !== "Manual")
        throw new SimExcelError("InvalidArgument", "Application.calculationMode", mode);
      this.context.runtime.model.calculation.mode = mode;
    });
  }
  /** "Recalculate all currently opened workbooks" (ExcelApi 1.1); clears the stale flag. */
  calculate(calculationType: string): void {
    this.context.enqueue(
      "application.calculate",
      () => {
        if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType))
          throw new SimExcelError("InvalidArgument", "Application.calculate", calculationType);
        const calculation = this.context.runtime.model.calculation;
        calculation.stale = false;
        calculation.recalculations += 1;
      },
      { mutates: false },
    );
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue(
      "application.suspendApiCalculationUntilNextSync",
      () => this.context.requireSet("1.6", "Application.suspendApiCalculationUntilNextSync"),
      { mutates: false },
    );
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue(
      "application.suspendScreenUpdatingUntilNextSync",
      () => this.context.requireSet("1.9", "Application.suspendScreenUpdatingUntilNextSync"),
      { mutates: false },
    );
  }
}
