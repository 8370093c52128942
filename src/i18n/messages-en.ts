/**
 * The pane's strings in English. This object defines the keys: the other languages are typed
 * `Record<MessageKey, string>`, so a missing key is a compile error. `{name}` marks a value filled in at run time.
 */
export const EN_MESSAGES = {
  "app.title": "RFM Segments",
  "app.openInExcel": "Open this add-in in Excel",
  "app.openInExcelDetail":
    "RFM Segments works inside Excel. Open a workbook with your sales data in Excel, then start the add-in from the Home tab.",
  "app.language": "Language",
  "app.intro": "Find your best customers, the ones slipping away, and what to do about each group.",

  "source.heading": "1. Sales data",
  "source.hint": "Select your sales rows in the sheet, including the header row, then choose Use selection.",
  "source.useSelection": "Use selection",
  "source.useAgain": "Read the selection again",
  "source.read": "{address}: {rows} data rows",

  "mapping.heading": "Columns",
  "mapping.hint": "Check the columns the add-in guessed, and change any that are wrong.",
  "mapping.customer": "Customer",
  "mapping.date": "Order date",
  "mapping.amount": "Amount",
  "mapping.orderId": "Order ID (optional)",
  "mapping.quantity": "Quantity (optional)",
  "mapping.price": "Unit price (optional)",
  "mapping.dimensions": "Break down by (optional)",
  "mapping.none": "(none)",
  "mapping.sample": "Sample: {values}",
  "mapping.amountOrQuantity": "Choose an amount column, or both a quantity and a unit price column.",
  "mapping.column": "{letter}: {header}",
  "mapping.noDimensions": "No columns chosen",

  "settings.heading": "Settings",
  "settings.analysisDate": "Analysis date",
  "settings.analysisDateHint": "Leave empty to use the latest purchase date in the data.",
  "settings.k": "Score levels (k)",
  "settings.scoring": "Scoring method",
  "settings.scoring.quantile": "Quantiles (PERCENTILE.INC)",
  "settings.scoring.fixed": "Fixed thresholds",
  "settings.scoring.hint":
    "Type {count} numbers for each, from smallest to largest, separated by commas. Fewer days since the last purchase scores higher; more purchases and more spend score higher.",
  "settings.scoring.recency": "Recency (days)",
  "settings.scoring.frequency": "Purchases",
  "settings.scoring.monetary": "Spend",
  "settings.scoring.suggest": "Suggest thresholds",
  "settings.scoring.empty": "Type {count} numbers, separated by commas.",
  "settings.scoring.notNumber": "“{text}” is not a number. Use digits only, without thousands separators.",
  "settings.scoring.count": "With {k} score levels, type {count} numbers; this list has {found}.",
  "settings.scoring.order": "Put the numbers in order, from smallest to largest.",
  "settings.grid": "Segment grid",
  "settings.gridHint": "Rows: R score; columns: FM score (average of F and M). Scores are first mapped to 1–5.",
  "settings.gridCell": "Segment for R {r}, FM {fm}",
  "settings.gridRow": "R {r}",
  "settings.gridColumn": "FM {fm}",
  "settings.resetGrid": "Reset grid",
  "settings.threshold": "Value matrix compares with",
  "settings.threshold.mean": "Mean",
  "settings.threshold.median": "Median",
  "settings.basis": "Value matrix monetary basis",
  "settings.basis.total": "Total spend",
  "settings.basis.aov": "Average order value",
  "settings.tierA": "Key customers: top share of revenue (%)",
  "settings.tierB": "Main customers: up to share of revenue (%)",
  "settings.lifecycleActive": "Active: bought within (days)",
  "settings.lifecycleRecent": "Recently lapsed: within (days)",
  "settings.lifecycleLapsed": "Lapsed: within (days)",
  "settings.ignoreCase": "Treat C001 and c001 as the same customer",
  "settings.dateOrder": "Dates like 03/04/2024 are",
  "settings.dateOrder.DMY": "Day/month/year",
  "settings.dateOrder.MDY": "Month/day/year",
  "settings.outputs": "What to write",
  "settings.output.customerSheet": "Customer sheet",
  "settings.output.segmentColumns": "Segment columns beside my data",
  "settings.output.summary": "Summary sheet and PivotTable",
  "settings.output.charts": "Charts",
  "settings.actions": "Recommended actions",
  "settings.actionFor": "Action for {segment}",
  "settings.actionEdited": "Edited: stays as typed in every language.",
  "settings.resetAction": "Restore",
  "settings.resetActionFor": "Restore the default action for {segment}",
  "settings.resetActions": "Restore default actions",
  "settings.scheme.standard": "RFM segments",
  "settings.scheme.valueClass": "Value matrix",
  "settings.scheme.tier": "Value tiers",
  "settings.scheme.lifecycle": "Lifecycle",
  "settings.invalidNumber": "Type a number.",

  "run.button": "Segment customers",
  "run.cancel": "Cancel",
  "run.stage.reading": "Reading the selection…",
  "run.stage.computing": "Computing scores…",
  "run.stage.writing": "Writing to the workbook…",
  "run.progress": "Progress",
  "run.cancelled": "Stopped. Nothing was written to the workbook.",
  "run.needSource": "First choose Use selection to read your sales data.",

  "replace.title": "Replace the earlier results?",
  "replace.body":
    "This workbook already has sheets from an earlier run. Replace them with the new results, or keep them and add new sheets. Your own data is not changed either way.",
  "replace.replace": "Replace",
  "replace.keep": "Keep both",
  "replace.cancel": "Cancel",
  "replace.listHint":
    "Ticked sheets are replaced; the new results are written first, and the old sheets stay recoverable with Undo until the next run. Unticked sheets are kept.",
  "replace.renamed": "renamed since the add-in wrote it (was {name})",
  "replace.edited": "changed since the add-in wrote it",
  "undo.button": "Undo last run",
  "undo.done": "The last run was undone.",

  "results.heading": "Results",
  "results.overview": "{customers} customers from {rows} rows, analysed on {date}",
  "results.scheme": "Segments",
  "results.segment": "Segment",
  "results.customers": "Customers",
  "results.revenue": "Revenue",
  "results.customersBar": "{segment}: {count} customers, {share} of all",
  "results.action": "What to do",
  "results.breakpoints": "Score breakpoints",
  "results.breakpointsHint": "A value above a breakpoint moves up one score (recency: fewer days scores higher).",
  "results.bp.recency": "Recency (days)",
  "results.bp.frequency": "Frequency",
  "results.bp.monetary": "Monetary",
  "results.skipped": "{count} rows skipped",
  "results.skippedRow": "Row {row}: {reason} ({value})",
  "results.skippedMore": "and {count} more",
  "results.noneSkipped": "No rows were skipped.",
  "results.returnsOnly": "{count} customers had only returns and were not scored.",
  "results.openSheet": "Open {sheet}",
  "results.sheets": "Written sheets",
  "results.segmentColumnsBlocked": "Segment columns were not written because the cells at {address} already hold data.",
  "results.segmentColumnsSourceChanged":
    "Segment columns were not written because the rows of {address} changed since they were read (sorted or edited). Read the data again and run once more.",
  "results.fallbacks": "Left out because this version of Excel lacks it: {list}",

  "skip.missing_customer": "no customer",
  "skip.bad_date": "date not readable",
  "skip.bad_amount": "amount not readable",
  "skip.after_analysis_date": "after the analysis date",
  "skip.amount_out_of_range": "amount beyond ±900 billion",
  "inputWarning.futureDates": "{count} rows are dated after today ({today}); the latest is {latest} (row {row}).",
  "inputWarning.futureAnalysisDate":
    "The analysis date {date} comes from a row dated after today, so every recency is counted from that day. Check that row's date, or set the analysis date yourself.",
  "inputWarning.earlyDates":
    "{count} rows are dated before 1990; the earliest is {earliest} (row {row}). A cell holding just 1 reads as 1900-01-01. Check those dates.",
  "inputWarning.ambiguousDates.DMY":
    "{count} dates such as {example} can be read two ways; they were read day first (DD/MM/YYYY). If your dates are month first, change the date order and run again.",
  "inputWarning.ambiguousDates.MDY":
    "{count} dates such as {example} can be read two ways; they were read month first (MM/DD/YYYY). If your dates are day first, change the date order and run again.",
  "error.total_out_of_range":
    "A customer's amounts add up to more than 900 billion, beyond what can be summed exactly. Check the amount column for a wrong value.",

  "forecast.note.no_customers":
    "No customer has a purchase on or before the analysis date, so there is nothing to forecast.",
  "forecast.note.no_repeat_customers":
    "No forecast: nobody bought on two different days, so there is no repeat buying to learn from.",
  "forecast.note.too_few_repeat_customers":
    "No forecast: it needs at least 30 customers who bought on two different days.",
  "forecast.note.no_convergence": "No forecast: the purchase model could not be fitted to these data.",
  "forecast.note.spend_too_few_customers":
    "No spend forecast (order value, revenue, CLV): it needs at least 10 customers with a repeat purchase of positive value.",
  "forecast.note.spend_no_convergence":
    "No spend forecast (order value, revenue, CLV): the spend model could not be fitted to these data.",
  "forecast.note.spend_mean_undefined":
    "Customers who have not bought again get no expected order value: the spend model has no finite average.",
  "forecast.note.holdout_too_short":
    "No check against the past: it needs at least twice the forecast period of history.",
  "forecast.note.holdout_too_few_repeat_customers":
    "No check against the past: too few repeat customers before the check period.",
  "forecast.note.holdout_no_convergence":
    "No check against the past: the model could not be fitted to the earlier data.",

  "error.title": "Can't continue",
  "error.empty_selection":
    "The selection is empty. Select your sales table, including its header row, and choose Use selection again.",
  "error.header_only": "The selection has only a header row. Select the sales rows below it too.",
  "error.missing_field": "Choose which column holds the {field}.",
  "error.missing_field.amount": "Choose an amount column, or both a quantity and a unit price column.",
  "error.duplicate_column": "The same column is chosen twice. Pick a different column for one of them.",
  "error.no_valid_rows":
    "None of the rows could be read. Check that the customer, date and amount columns are the right ones.",
  "error.bad_option": "One of the settings is not valid. Check the numbers in Settings and try again.",
  "error.empty_source": "There is nothing to read. Select your sales data (with its header row) and try again.",
  "error.multiple_areas":
    "Several areas are selected. Select one block of cells (your sales data with its header row).",
  "error.too_large":
    "Excel refused to move that much data in one step. Try again; if it keeps failing, select fewer rows.",
  "error.not_supported":
    "This version of Excel lacks a feature the add-in needs. Update Office or use Excel on the web.",
  "error.cell_edit_mode":
    "Excel is busy because a cell is being edited. Press Enter or Esc in the sheet, then try again.",
  "error.protected": "The workbook or sheet is protected. Unprotect it, then try again.",
  "error.name_conflict":
    "A sheet or table with the same name already exists and could not be replaced. Rename it and try again.",
  "error.bad_shape":
    "The results did not fit the cells they were meant for. Try again; if it keeps failing, reload the add-in.",
  "error.excel_error":
    "Excel reported an error while the add-in was working. Try again; if it keeps failing, save and reopen the workbook.",
  "error.worker": "The calculation stopped unexpectedly. Try again; if it keeps failing, reload the add-in.",
  "error.unknown": "Something unexpected went wrong. Try again; if it keeps failing, reload the add-in.",
  "error.settingsNotSaved": "Your settings could not be saved in this workbook; they will apply to this session only.",
  "error.dismiss": "Dismiss",
  "common.clearSelection": "Clear selection",

  "field.customer": "customer",
  "field.date": "order date",
  "field.amount": "amount",
  "field.orderId": "order ID",
  "field.quantity": "quantity",
  "field.price": "unit price",
  "report.listSeparator": ", ",
  "report.listMore": ", …",
  "report.skip.missing_customer": "{count} rows have no customer ID: rows {rows}",
  "report.skip.bad_date": "{count} rows have a date that cannot be read: rows {rows}",
  "report.skip.bad_amount": "{count} rows have an amount that cannot be read: rows {rows}",
  "report.skip.amount_out_of_range": "{count} rows have an amount beyond ±900 billion: rows {rows}",
  "report.skip.after_analysis_date": "{count} rows are dated after the analysis date ({date}): rows {rows}",
  "report.field.amountOrQuantity": "amount (or quantity and unit price)",
  "report.error.missingFields": "Choose which columns hold the {fields}.",
  "report.badOption.scoring":
    "The fixed thresholds for {metric} cannot be used: type one number fewer than the score levels, from smallest to largest (see Settings).",
  "report.badOption.k": "Score levels must be 3, 4, 5 or 10 (see Settings).",
  "report.badOption.analysisDate": "The analysis date is not a date. Type it like 2024-01-31, or leave it empty.",
  "report.badOption.compareDate": "The compare date ({compareDate}) must be before the analysis date ({analysisDate}).",
  "report.badOption.tierCutoffs":
    "Key customers' share of revenue must be above 0 and no larger than main customers' share, at most 100% (see Settings).",
  "report.badOption.lifecycleDays":
    "The lifecycle day limits must grow from active to recently lapsed to lapsed (see Settings).",
  "report.listAnd": " and ",
  "report.impossibleScores": "{metric} scores {scores} cannot occur: too many customers share the same {what}.",
  "report.metric.r": "number of days since their last purchase",
  "report.metric.f": "number of purchases",
  "report.metric.m": "spend",
  "report.mapping.dimensionsHint":
    "Each ticked column gets its own PivotTable (customers and revenue) on the summary sheet.",
} as const;

export type MessageKey = keyof typeof EN_MESSAGES;
export type Messages = Record<MessageKey, string>;
