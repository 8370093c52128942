/**
 * The demo server listens on this machine only unless told otherwise (issue 14, item 12): it printed a localhost
 * URL while listening on every interface.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import * as path from "node:path";

const SERVER = path.resolve(__dirname, "../../scripts/demo-server.js");
const root = mkdtempSync(path.join(tmpdir(), "rfm-demo-root-"));
writeFileSync(path.join(root, "demo.html"), "<!doctype html><title>demo</title>");

/** Starts the server and resolves with its first line of output (printed once it listens). */
function start(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [SERVER, "--port", "0", "--root", root, ...args]);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve({ child, line: out.split("\n")[0]! });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function status(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? []) if (entry.family === "IPv4" && !entry.internal) return entry.address;
  return undefined;
}

describe("demo server", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill();
  });

  it("listens on 127.0.0.1 by default and prints the URL it listens on", async () => {
    const { child, line } = await start([]);
    children.push(child);
    const url = line.match(/http:\/\/\S+/)![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo\.html$/);
    expect(await status(url)).toBe(200);
    const external = externalAddress();
    if (external) expect(await status(url.replace("127.0.0.1", external))).toBe("ECONNREFUSED");
  });

  it("listens on every interface only when asked with --host", async () => {
    const { child, line } = await start(["--host", "0.0.0.0"]);
    children.push(child);
    expect(line).toContain("on every network interface");
    const url = line.match(/http:\/\/\S+/)![0];
    expect(await status(url)).toBe(200);
  });
});
