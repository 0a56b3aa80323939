/**
 * report.json when the rows' findings come from the workers as text (src/cli/batch-report.ts findingsJson,
 * summaryJson): the same document JSON.stringify(summary, null, 2) makes, rows in the folder's order.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { main, type Io } from "../../src/cli/main";
import {
  findingsJson,
  summaryJson,
  type BatchRow,
  type BatchSummary,
} from "../../src/cli/batch-report";
import type { RowFinding } from "../../src/cli/batch/compare";
import { check } from "../../src/engine";
import { readWorkbookFile } from "../../src/xlsx/read";
import { ROOT, writeNoTables } from "./helpers";

const FIXTURES = path.join(ROOT, "fixtures/workbooks");

function finding(message: string, extra: Partial<RowFinding> = {}): RowFinding {
  return {
    rule: "T1.row",
    severity: "error",
    title: "标题",
    kind: "表内",
    table: "表一",
    sheet: "表一",
    cells: ["B5", "C5"],
    message,
    expected: "1.00",
    actual: null,
    ...extra,
  };
}

function row(file: string, findings: RowFinding[]): BatchRow {
  return {
    file,
    department: "某局",
    departmentFound: true,
    status: "ok",
    reason: null,
    errors: findings.length,
    warnings: 0,
    infos: 0,
    tablesFound: 13,
    tablesMissing: [],
    targetSheets: 0,
    report: `r_files/${file}.html`,
    kinds: { 表内: { errors: 0, warnings: 0 } } as BatchRow["kinds"],
    findings,
    skippedChecks: [],
  };
}

test("summaryJson is JSON.stringify(summary, null, 2) with the findings put in as their text", () => {
  const tricky = [
    finding('两行\n文字，"引号"，反斜杠 \\ 与制表符\t'),
    finding("\u0000findings-1-2-x:0", { cells: [], expected: null }), // looks like the token, is data
    finding("应为 1，实为 2", { severity: "warning", actual: "2" }),
  ];
  const rows = [
    row("a.xlsx", tricky),
    row("b.xlsx", []),
    row("c.xlsx", [finding("第三份")]),
    row("failed.xlsx", []),
  ];
  const summary = {
    folder: "in",
    report: "r.html",
    totals: { workbooks: 4 },
    workbooks: rows,
  } as unknown as BatchSummary;
  const expected = JSON.stringify(summary, null, 2) + "\n";
  // as the pool has them: the checked rows' findings as text, their objects empty; the failed row (made by the main thread) not listed
  const texts = new Map<number, string>();
  for (const i of [0, 1, 2]) {
    texts.set(i, findingsJson(rows[i].findings));
    rows[i].findings = [];
  }
  expect(summaryJson(summary, texts)).toBe(expected);
  // the rows are left as they were
  expect(rows.map((r) => r.findings)).toEqual([[], [], [], []]);
  expect(summaryJson(summary, new Map())).toBe(
    JSON.stringify(summary, null, 2) + "\n",
  );
});

describe("a batch on two workers", () => {
  let tmp: string;
  let folder: string;
  let stdout = "";
  let code: number;
  const files = [
    "000-standard.xlsx",
    "001-variant.xlsx",
    "002-merged-wide.xlsx",
    "003-standard.xlsx",
  ];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bc-batch-json-"));
    folder = path.join(tmp, "in");
    fs.mkdirSync(folder);
    for (const f of files)
      fs.copyFileSync(path.join(FIXTURES, f), path.join(folder, f));
    fs.writeFileSync(
      path.join(folder, "损坏.xlsx"),
      fs
        .readFileSync(path.join(FIXTURES, "001-standard.xlsx"))
        .subarray(0, 5000),
    );
    await writeNoTables(path.join(folder, "无表.xlsx"));
    const io: Io = { out: (t) => void (stdout += t), err: () => undefined };
    code = await main(
      [
        "batch",
        folder,
        "--json",
        "--jobs",
        "2",
        "--out",
        path.join(tmp, "report.html"),
      ],
      io,
    );
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("report.json is the printed document, formatted as JSON.stringify(…, null, 2) formats it", () => {
    expect(code).toBe(1);
    const text = fs.readFileSync(path.join(tmp, "report.json"), "utf8");
    expect(stdout).toBe(text);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + "\n");
  });

  test("rows in the order of the folder, each with the findings `check` makes, in its order", async () => {
    const s = JSON.parse(stdout) as BatchSummary;
    expect(s.workbooks.map((r) => r.file)).toEqual([
      ...files,
      "损坏.xlsx",
      "无表.xlsx",
    ]);
    for (const f of files) {
      const r = s.workbooks.find((w) => w.file === f)!;
      const own = check(await readWorkbookFile(path.join(folder, f))).findings;
      expect(
        r.findings.map((x) => [x.rule, x.severity, x.message, x.cells]),
      ).toEqual(own.map((x) => [x.rule, x.severity, x.message, x.cells ?? []]));
      expect(r.findings.length).toBeGreaterThan(0);
    }
    const broken = s.workbooks.find((w) => w.file === "损坏.xlsx")!;
    expect(broken.status).toBe("unreadable");
    expect(broken.findings).toEqual([]);
  });
});
