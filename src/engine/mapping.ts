import { type CellValue, type ColumnMapping, type MappedField, RfmInputError } from "./types";

/** Header names (normalised: lower case, no spaces, `_`, `-`, `.`) per field, most specific first. */
const FIELD_NAMES: Record<MappedField, string[]> = {
  customer: [
    "customerid",
    "customer",
    "customerno",
    "customernumber",
    "customercode",
    "customername",
    "clientid",
    "client",
    "memberid",
    "member",
    "userid",
    "buyer",
    "buyerid",
    "accountid",
    "custid",
    "cust",
    "客户id",
    "客户编号",
    "客户编码",
    "客户代码",
    "客户号",
    "客户",
    "客户名称",
    "客户名",
    "会员id",
    "会员编号",
    "会员卡号",
    "会员号",
    "会员",
    "顾客",
    "顾客id",
    "用户id",
    "用户",
    "买家",
    "客戶id",
    "客戶編號",
    "客戶代碼",
    "客戶",
    "客戶名稱",
    "會員id",
    "會員編號",
    "會員卡號",
    "會員",
    "顧客",
    "用戶",
    "買家",
  ],
  date: [
    "orderdate",
    "invoicedate",
    "purchasedate",
    "transactiondate",
    "saledate",
    "salesdate",
    "date",
    "orderday",
    "day",
    "datetime",
    "time",
    "createdat",
    "日期",
    "订单日期",
    "下单日期",
    "购买日期",
    "交易日期",
    "销售日期",
    "消费日期",
    "下单时间",
    "交易时间",
    "购买时间",
    "时间",
    "訂單日期",
    "下單日期",
    "購買日期",
    "交易日期",
    "銷售日期",
    "消費日期",
    "下單時間",
    "交易時間",
    "時間",
  ],
  amount: [
    "amount",
    "sales",
    "revenue",
    "total",
    "totalamount",
    "salesamount",
    "ordertotal",
    "linetotal",
    "value",
    "netsales",
    "dollarvalue",
    "spend",
    "payment",
    "金额",
    "销售额",
    "销售金额",
    "订单金额",
    "消费金额",
    "实付金额",
    "支付金额",
    "成交金额",
    "营业额",
    "收入",
    "总额",
    "合计",
    "金額",
    "銷售額",
    "銷售金額",
    "訂單金額",
    "消費金額",
    "實付金額",
    "支付金額",
    "成交金額",
    "營業額",
    "總額",
    "合計",
  ],
  orderId: [
    "orderid",
    "orderno",
    "ordernumber",
    "order",
    "invoiceno",
    "invoice",
    "invoiceid",
    "invoicenumber",
    "transactionid",
    "receiptno",
    "receipt",
    "billno",
    "订单号",
    "订单编号",
    "订单id",
    "订单",
    "单号",
    "单据号",
    "发票号",
    "小票号",
    "交易号",
    "訂單號",
    "訂單編號",
    "訂單id",
    "訂單",
    "單號",
    "單據號",
    "發票號",
    "交易號",
  ],
  quantity: ["quantity", "qty", "units", "numberofcds", "count", "数量", "件数", "數量", "件數"],
  price: ["unitprice", "price", "priceeach", "unitcost", "单价", "价格", "售价", "單價", "價格", "售價"],
};

const DIMENSION_NAMES = [
  "region",
  "store",
  "shop",
  "branch",
  "country",
  "channel",
  "segment",
  "city",
  "state",
  "province",
  "gender",
  "sex",
  "ageband",
  "agegroup",
  "age",
  "category",
  "market",
  "地区",
  "区域",
  "门店",
  "店铺",
  "分店",
  "国家",
  "渠道",
  "城市",
  "省份",
  "省",
  "性别",
  "年龄段",
  "年龄",
  "品类",
  "类别",
  "地區",
  "區域",
  "門市",
  "門店",
  "店鋪",
  "分店",
  "國家",
  "渠道",
  "城市",
  "省份",
  "性別",
  "年齡段",
  "年齡",
  "品類",
  "類別",
];

/** Lower case without spaces, underscores, dashes, dots, `#` or NBSP: `Customer ID` → `customerid`. */
export function normaliseHeader(cell: CellValue): string {
  if (cell === null || cell === undefined || typeof cell === "boolean") return "";
  return String(cell)
    .toLowerCase()
    .replace(/[\s_\-.#:：()（）]/g, "");
}

/**
 * Guesses which column holds each field from the header row, in English, 简体 and 繁體 names. Exact names win over
 * names that merely contain a known word; a column is used for one field only. Amount is left unmapped when only
 * quantity and price are found. Columns not used by a field whose name looks like a region, store, channel, gender...
 * become dimensions.
 */
export function guessMapping(header: CellValue[]): ColumnMapping {
  const names = header.map(normaliseHeader);
  const used = new Set<number>();
  const mapping: ColumnMapping = { dimensions: [] };
  const fields: MappedField[] = ["customer", "orderId", "date", "amount", "quantity", "price"];
  // Pass 1: exact names, in each field's order of preference; pass 2: names containing a known word.
  for (const exact of [true, false]) {
    for (const field of fields) {
      if (mapping[field] !== undefined) continue;
      const column = findColumn(names, FIELD_NAMES[field], used, exact);
      if (column >= 0) {
        mapping[field] = column;
        used.add(column);
      }
    }
  }
  names.forEach((name, column) => {
    if (!used.has(column) && name !== "" && DIMENSION_NAMES.includes(name)) mapping.dimensions.push(column);
  });
  return mapping;
}

function findColumn(names: string[], candidates: string[], used: Set<number>, exact: boolean): number {
  for (const candidate of candidates) {
    // Short Latin words ("day", "time", "qty") and one-character Chinese ones ("省") only count as whole names.
    if (!exact && (/^[a-z]+$/.test(candidate) ? candidate.length < 5 : candidate.length < 2)) continue;
    for (let column = 0; column < names.length; column++) {
      if (used.has(column)) continue;
      const name = names[column]!;
      // A header that is exactly a dimension name ("Country") is never a partial match ("count").
      if (exact ? name === candidate : name !== "" && !DIMENSION_NAMES.includes(name) && name.includes(candidate))
        return column;
    }
  }
  return -1;
}

const FIELD_LABELS: Record<MappedField, string> = {
  customer: "customer",
  date: "date",
  amount: "amount",
  orderId: "order id",
  quantity: "quantity",
  price: "unit price",
};

/**
 * Problems with a mapping, as errors a shop owner understands (empty when it is usable): customer and date must be
 * mapped, and an amount or both quantity and unit price; no column twice; every column inside the selection.
 */
export function validateMapping(mapping: ColumnMapping, columnCount: number): RfmInputError[] {
  const problems: RfmInputError[] = [];
  const missing: MappedField[] = [];
  if (mapping.customer === undefined) missing.push("customer");
  if (mapping.date === undefined) missing.push("date");
  if (mapping.amount === undefined && (mapping.quantity === undefined || mapping.price === undefined))
    missing.push("amount");
  for (const field of missing) {
    const extra = field === "amount" ? " (or both a quantity and a unit price column)" : "";
    problems.push(
      new RfmInputError("missing_field", `Choose which column holds the ${FIELD_LABELS[field]}${extra}.`, { field }),
    );
  }
  const seen = new Map<number, string>();
  const entries: [string, number | undefined][] = (Object.keys(FIELD_LABELS) as MappedField[]).map((f) => [
    f,
    mapping[f],
  ]);
  for (const column of mapping.dimensions) entries.push(["dimension", column]);
  for (const [field, column] of entries) {
    if (column === undefined) continue;
    if (!Number.isInteger(column) || column < 0 || column >= columnCount) {
      problems.push(
        new RfmInputError("bad_option", `The column chosen for ${labelOf(field)} is outside the selected range.`, {
          field,
          column: String(column),
        }),
      );
      continue;
    }
    const previous = seen.get(column);
    if (previous !== undefined) {
      problems.push(
        new RfmInputError(
          "duplicate_column",
          `The same column is chosen for both ${labelOf(previous)} and ${labelOf(field)}; pick a different column for one of them.`,
          { field, other: previous, column },
        ),
      );
    } else seen.set(column, field);
  }
  return problems;
}

function labelOf(field: string): string {
  return field in FIELD_LABELS ? FIELD_LABELS[field as MappedField] : "a breakdown";
}
