import { toSheetName, toTableName, uniqueSheetName, uniqueTableName, rangeAddress } from "../../src/excel/sheet-names";

describe("sheet and table names", () => {
  it("makes labels valid sheet names", () => {
    expect(toSheetName("Sales: 2024/Q1 [draft]?")).toBe("Sales_ 2024_Q1 _draft__");
    expect(toSheetName("'quoted'")).toBe("quoted");
    expect(toSheetName("x".repeat(40))).toHaveLength(31);
    expect(toSheetName("   ")).toBe("RFM");
    expect(toSheetName("History")).toBe("RFM");
  });

  it("picks a unique sheet name within 31 characters, ignoring case", () => {
    expect(uniqueSheetName("RFM 客户", ["rfm 客户"])).toBe("RFM 客户 (2)");
    expect(uniqueSheetName("RFM", ["RFM", "rfm (2)"])).toBe("RFM (3)");
    const long = "y".repeat(31);
    const name = uniqueSheetName(long, [long]);
    expect(name).toHaveLength(31);
    expect(name.endsWith(" (2)")).toBe(true);
  });

  it("makes labels valid, unique table names", () => {
    expect(toTableName("RFM 客户表")).toBe("RFM_客户表");
    expect(toTableName("2024 sales")).toBe("_2024_sales");
    expect(toTableName("A1")).toBe("_A1");
    expect(toTableName("R1C1")).toBe("_R1C1");
    expect(uniqueTableName("Rfm", ["rfm", "Rfm_2"])).toBe("Rfm_3");
  });

  it("prints addresses as Excel does", () => {
    expect(rangeAddress("Sales", 0, 0, 52034, 6)).toBe("Sales!A1:F52034");
    expect(rangeAddress("My Sales", 2, 27, 1, 1)).toBe("'My Sales'!AB3");
    expect(rangeAddress("销售", 0, 0, 2, 2)).toBe("销售!A1:B2");
  });
});
