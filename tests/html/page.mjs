// Drives transitc's interactive pages in Debian's headless Chromium and compares every answer a
// page gives with the C runtime's for the same sequence (the driver program of each spec).
//   node page.mjs SHOTS_DIR LABEL=PAGE.html=DRIVER...
// For each page: a walk through its controls to every reachable state (each trigger under each
// initiator fired in each state, under every combination of the guards its transitions ask, each
// timer run out, the clock an hour on, undone after, the position checked after each undo), the
// button verdicts in each state, the URL fragment reopened in a fresh tab at the same position
// (state, path, clock, timer, guards; also after a timer that took no transition), a trigger
// fired from the keyboard, no console message or network request, and axe-core with no serious
// violation. A screenshot of each page is written to SHOTS_DIR for review.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import { chromium } from "playwright-core";

const [shots, ...pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "transit-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1400, height: 1000 },
});
let failures = 0;
const fail = (label, what) => { failures++; console.error(`FAIL ${label}: ${what}`); };

// A fresh tab that reports anything the page logs, throws or fetches.
async function open(label, url) {
  const page = await browser.newPage();
  page.on("console", (m) => fail(label, `console ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => fail(label, `uncaught: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) fail(label, `network request ${r.url()}`); });
  await page.goto(url);
  return page;
}

const text = async (page, selector) => (await page.textContent(selector)).trim();

// Everything a position shows: the state, the path, the clock and its timer, which controls are
// enabled, the guards held.
const position = (page) => page.evaluate(() => {
  const t = (id) => document.getElementById(id).textContent.trim();
  const on = (id) => (document.getElementById(id).disabled ? "off" : "on");
  const held = [...document.querySelectorAll("input[data-guard]")].filter((g) => g.checked);
  return [`state ${t("state")}`, `path ${t("path")}`, `now ${t("clock-now")}`, `timer ${t("clock-timer")}`,
    `run-timer ${on("run-timer")}`, `undo ${on("undo")}`, `guards ${held.map((g) => g.dataset.guard)}`].join("\n");
});

// The lines in which two positions differ, for a failure message.
function differ(was, now) {
  const a = was.split("\n"), b = now.split("\n");
  return a.map((l, i) => (l === b[i] ? null : `'${l}' became '${b[i]}'`)).filter(Boolean).join("; ");
}

// A button's verdict in the driver's form: "ok>TARGET" or the result.
const verdictForm = (v) => (v.startsWith("→ ") ? `ok>${v.slice(2)}` : v);

// The result the answer line reports: "TRIGGER by WHO: RESULT, ..." or "...: RESULT; still S."
function result(answer) {
  const m = /: (ok|[a-z ]+);|: (ok),/.exec(answer);
  return m ? m[1] || m[2] : `unreadable answer '${answer}'`;
}

async function checkPage(label, html, driver) {
  const page = await open(label, pathToFileURL(html).href);
  const log = []; // [driver command, what the page showed]
  const buttons = await page.$$eval("button[data-trigger]", (bs) => bs.map((b) => [b.dataset.trigger, b.dataset.by]));
  const guards = await page.$$eval("input[data-guard]", (gs) => gs.map((g) => g.dataset.guard));
  const state = () => text(page, "#state");
  const visited = new Set();
  // The page starts with every guard held; the driver is told so before the first step.
  log.push([["guards", ...guards].join(" "), "ok"]);

  // The guards each state's transitions ask, read from the page's own transition rows
  // (row("FROM", "TRIGGER", [...], "GUARD", ...)); only these can change an answer there.
  const asked = new Map();
  for (const [, from, guard] of readFileSync(html, "utf8").matchAll(/row\("([^"]*)", "[^"]*", \[[^\]]*\], "([^"]*)"/g))
    asked.set(from, [...new Set([...(asked.get(from) || []), guard])]);
  // Every combination of the guards a state asks held (the others held), all held first (as the
  // page starts). A state whose transitions ask none is tried once, every guard held.
  function combos(here) {
    const mine = asked.get(here) || [];
    const others = guards.filter((g) => !mine.includes(g));
    const list = [];
    for (let bits = (1 << mine.length) - 1; bits >= 0; bits--)
      list.push([...others, ...mine.filter((g, i) => bits & (1 << i))]);
    return list;
  }

  async function setGuards(held) {
    await page.$$eval("input[data-guard]", (gs, held) => {
      for (const g of gs)
        if (g.checked !== held.includes(g.dataset.guard)) g.click();
    }, held);
    log.push([["guards", ...held].join(" "), "ok"]);
  }

  // Clicks the control (a DOM click: the walk makes hundreds; the keyboard and the screenshot's
  // steps below go through real input events) and reads the answer and the state shown.
  async function fire(selector, command) {
    const [answer, now] = await page.$eval(selector, (b) => {
      b.click();
      return [document.getElementById("answer").textContent, document.getElementById("state").textContent];
    });
    const r = result(answer.trim());
    log.push([command, `${r} ${now.trim()}`]);
    return r;
  }

  async function undo() {
    log.push(["undo", (await page.$eval("#undo", (b) => (b.click(), document.getElementById("state").textContent))).trim()]);
  }

  // The page's link, opened in a fresh tab, shows the same position.
  async function shareCheck(why) {
    const shared = await open(`${label} (shared link)`, page.url());
    const [ours, theirs] = [await position(page), await position(shared)];
    if (ours !== theirs) fail(label, `the link ${page.url()} ${why} opens elsewhere: ${differ(ours, theirs)}`);
    await shared.close();
  }

  // Undo after an accepted fire shows the position before it again.
  async function undoCheck(before, what) {
    await undo();
    const after = await position(page);
    if (after !== before) fail(label, `undo after ${what}: ${differ(before, after)}`);
  }

  async function explore() {
    const here = await state();
    visited.add(here);
    await shareCheck(`in ${here}`);
    for (const held of combos(here)) {
      await setGuards(held);
      const shown = await page.$$eval("button[data-trigger]", (bs) =>
        bs.map((b) => `${b.dataset.trigger}/${b.dataset.by}=${b.querySelector(".verdict").textContent}`));
      log.push(["verdicts", shown.map((s) => s.replace(/=(.*)$/, (_, v) => `=${verdictForm(v)}`)).join(" ")]);
      for (const [trigger, by] of buttons) {
        const before = await position(page);
        if ((await fire(`button[data-trigger="${trigger}"][data-by="${by}"]`, `fire ${trigger} ${by}`)) === "ok") {
          if (!visited.has(await state())) await explore();
          await setGuards(held);
          await undoCheck(before, `${trigger} by ${by} from ${here}`);
        }
      }
      // The clock an hour on: every timer that runs out on the way fires in turn, each a
      // timeout of the C runtime's (the last one refused when the timer ends spent); undone after.
      if (await page.isEnabled("#run-timer")) {
        const before = page.url(), count = (await page.$$("#path li")).length;
        const [was, now, path, answer, timer, there] = await page.$eval("button[data-advance='3600000']", (b) => {
          const t = (id) => document.getElementById(id).textContent.trim();
          const was = t("clock-now");
          b.click();
          return [was, t("clock-now"), [...document.querySelectorAll("#path li")].map((li) => li.textContent),
            t("answer"), t("clock-timer"), t("state")];
        });
        if (parseFloat(now) !== parseFloat(was) + 3600) fail(label, `an hour on from ${was} in ${here}, the clock reads ${now}`);
        const fired = path.slice(count);
        for (const step of fired) {
          const to = /^\S+ → (\S+): \S+ by the timer \(auto\) at /.exec(step);
          log.push(["timeout", to ? `ok ${to[1]}` : `not a timer's step: '${step}'`]);
        }
        if (/took no transition/.test(timer)) log.push(["timeout", `${result(answer)} ${there}`]);
        // No timer left behind: none, spent, or due later than the clock.
        const due = / at ([0-9.]+) s \(after/.exec(timer);
        if (due && parseFloat(due[1]) <= parseFloat(now))
          fail(label, `an hour on from ${was} in ${here}, the clock reads ${now} and: ${timer}`);
        for (let i = 0; i < fired.length; i++) await undo();
        await page.goto(before);
        await page.reload();
      }
      if (await page.isEnabled("#run-timer")) {
        const before = page.url(), shown = await position(page);
        const due = / at ([0-9.]+ s)/.exec(await text(page, "#clock-timer"));
        const r = await fire("#run-timer", "timeout");
        const now = await text(page, "#clock-now");
        if (!due || now !== due[1]) fail(label, `the clock reads ${now} after the timer due ${due && due[1]} ran out`);
        if (r === "ok") {
          if (!visited.has(await state())) await explore();
          await setGuards(held);
          // Undo takes the step back, not the time: the clock stays where the timer ran out.
          await undoCheck(shown.replace(/^now .*$/m, `now ${now}`), `the timer in ${here}`);
        } else {
          // The timer is spent until the state is entered again: so says a link to here, and
          // so says undo after the first trigger that leads on.
          if (await page.isEnabled("#run-timer")) fail(label, `the timer in ${here} took no transition and can run again`);
          await shareCheck(`after the timer in ${here} took no transition`);
          const spent = await position(page);
          const next = await page.$("button[data-result='ok']");
          if (next) {
            const [trigger, by] = await next.evaluate((b) => [b.dataset.trigger, b.dataset.by]);
            await fire(`button[data-trigger="${trigger}"][data-by="${by}"]`, `fire ${trigger} ${by}`);
            await undoCheck(spent, `${trigger} by ${by} after the timer in ${here} took no transition`);
          }
          await page.goto(before);
          await page.reload();
        }
      }
    }
    await setGuards(guards);
  }

  // The keyboard: Tab to the first control that leads somewhere, Enter fires it.
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const b = document.activeElement;
      return b && b.dataset.trigger && b.dataset.result === "ok" ? [b.dataset.trigger, b.dataset.by] : null;
    });
    if (focused) {
      await page.keyboard.press("Enter");
      log.push([`fire ${focused[0]} ${focused[1]}`, `${result(await text(page, "#answer"))} ${await state()}`]);
      await undo();
      break;
    }
    if (i === 299) fail(label, "Tab never reached a trigger that leads somewhere");
  }

  await explore();
  // A link whose path does not fit the machine opens at the initial state and says so.
  const stale = await open(`${label} (stale link)`, pathToFileURL(html).href + "#path=no_such_trigger.user.0.&now=0");
  if (!/does not fit/.test(await text(stale, "#answer")) || (await text(stale, "#state")) !== (await text(page, "#state")))
    fail(label, "a link with a path that does not fit was not refused where it starts");
  await stale.close();
  const all = await page.$$eval("#states-table tbody th", (ths) => ths.map((th) => th.textContent));
  const missed = all.filter((s) => !visited.has(s));
  if (missed.length) fail(label, `the walk never reached ${missed.join(", ")}`);
  const serious = async () => {
    await page.addScriptTag({ content: axe.source });
    const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
    for (const v of found.filter((x) => x.impact === "serious" || x.impact === "critical"))
      fail(label, `axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  };
  await serious();

  // A few steps in, for the screenshot, by mouse: the first trigger that leads somewhere, twice.
  for (let i = 0; i < 2; i++) {
    const next = page.locator("button[data-result='ok']").first();
    const command = `fire ${await next.getAttribute("data-trigger")} ${await next.getAttribute("data-by")}`;
    await next.click();
    log.push([command, `${result(await text(page, "#answer"))} ${await state()}`]);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, `${label}.png`) });
  await page.close();

  const run = spawnSync(driver, { input: log.map(([c]) => c).join("\n") + "\n", encoding: "utf8" });
  if (run.status !== 0) return fail(label, `driver exited ${run.status}: ${run.stderr}`);
  const answers = run.stdout.split("\n");
  let mismatches = 0;
  log.forEach(([command, shown], i) => {
    if (command === "verdicts") {
      const theirs = new Set((answers[i] || "").split(" ")), ours = new Set(shown.split(" "));
      // Both ways: a verdict the runtime does not give, and a trigger under an initiator the
      // page has no control for (the runtime lists every one).
      const onlyOurs = [...ours].filter((v) => !theirs.has(v)), onlyTheirs = [...theirs].filter((v) => !ours.has(v));
      if ((onlyOurs.length || onlyTheirs.length) && mismatches++ < 5)
        fail(label, `step ${i + 1} '${command}': the page shows ${onlyOurs.join(", ") || "(no control)"}; ` +
          `the C runtime ${onlyTheirs.join(", ") || "(no such verdict)"}`);
    } else if (shown !== answers[i] && mismatches++ < 5) {
      fail(label, `step ${i + 1} '${command}': the page shows '${shown}', the C runtime answers '${answers[i]}'`);
    }
  });
  console.log(`${label}: ${visited.size} states, ${log.length} answers compared with the C runtime`);
}

try {
  for (const p of pages) {
    const [label, html, driver] = p.split("=");
    await checkPage(label, html, driver);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
