// The chain rule visualizer, used as a person would: open the page from
// disk in chromium, pick compositions, move the x slider, show the common
// mistake, and compare the numbers shown with what the C++ program printed
// at each composition's sample point. Fails on any console error and on any
// request but the page itself.
// Environment: VISUALIZER (the chain_rule_visualizer program), OUT (a folder
// under the build folder for the page and the screenshots).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const program = process.env.VISUALIZER, out = process.env.OUT;
assert.ok(program && out, "VISUALIZER and OUT must be set");
mkdirSync(out, { recursive: true });

// The program's lines "at x = 1: ... product = 54, D<E>(x) = 54", per composition title.
function printed() {
  const text = execFileSync(program, [`--out=${out}`], { encoding: "utf8" });
  const result = new Map();
  let title = null;
  for (const line of text.split("\n")) {
    if (line && !line.startsWith(" ") && !line.startsWith("wrote")) title = line;
    const m = line.match(/^ {2}at x = (\S+): (.*), product = (\S+), D<E>\(x\) = (\S+)$/);
    if (m) {
      const factors = [...m[2].matchAll(/[fgh]'\([a-z]\) = (\S+?)(?:,|$)/g)].map((f) => Number(f[1]));
      result.set(title, { x: Number(m[1]), factors, product: Number(m[3]), derivative: Number(m[4]) });
    }
  }
  return result;
}

// The slider holds the grid index: x = -3 + index / 16, index 0 to 96. Move it
// to x with the keyboard from the nearer end (Home then ArrowRight, or End
// then ArrowLeft), as a person would, in at most 48 presses.
const lastIndex = 96;
async function slideTo(page, x) {
  const index = Math.round((x + 3) * 16);
  await page.focus("#x-slider");
  const fromEnd = lastIndex - index < index;
  await page.keyboard.press(fromEnd ? "End" : "Home");
  const presses = fromEnd ? lastIndex - index : index;
  for (let i = 0; i < presses; ++i) await page.keyboard.press(fromEnd ? "ArrowLeft" : "ArrowRight");
}

const near = (a, b) => Math.abs(a - b) <= 5e-6 * Math.max(Math.abs(b), 1e-9) + 1e-12;

test("chain_rule_visualizer.html shows the program's numbers", async () => {
  const expected = printed();
  assert.equal(expected.size, 10, "ten compositions printed");
  const pageUrl = pathToFileURL(`${out}/chain_rule_visualizer.html`).href;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => { if (r.url().split("#")[0] !== pageUrl) problems.push(`request: ${r.url()}`); });
    await page.goto(pageUrl);
    await page.screenshot({ path: `${out}/chain_rule_visualizer-default.png`, fullPage: true });

    const titles = await page.locator("#composition option").allTextContents();
    assert.equal(titles.length, 10);
    for (const [index, title] of titles.entries()) {
      const e = expected.get(title);
      assert.ok(e, `the program printed ${title}`);
      await page.selectOption("#composition", String(index));
      await slideTo(page, e.x);
      assert.equal(Number(await page.textContent("#x-value")), e.x);
      const chain = await page.textContent("#chain");
      const shown = chain.split("=").pop().trim();
      assert.ok(near(Number(shown), e.product), `${title}: product ${shown} vs ${e.product}`);
      const factors = chain.split("=")[1].split("\u00d7").map((s) => Number(s.trim()));
      assert.equal(factors.length, e.factors.length, `${title}: one factor per link`);
      factors.forEach((f, i) => assert.ok(near(f, e.factors[i]), `${title}: factor ${i}: ${f} vs ${e.factors[i]}`));
      assert.ok(near(Number(await page.textContent("#derivative")), e.derivative), `${title}: D<E>`);
      assert.equal(await page.textContent("#agree"), "equal");
      const panels = await page.locator(".panel:not([hidden])").count();
      assert.equal(panels, e.factors.length + 1, `${title}: a panel per link and one for the composite`);
      if (index === 0 || index === 7) await page.screenshot({ path: `${out}/chain_rule_visualizer-${index}.png`, fullPage: true });
    }

    // The common mistake, struck through, for (2x + 1)^3 at x = 1: 3 * 1^2 * 2 = 6, not 54.
    await page.selectOption("#composition", "0");
    await slideTo(page, 1);
    assert.equal(await page.locator("#mistake").isVisible(), false);
    await page.check("#show-mistake");
    assert.equal(await page.locator("#mistake s").isVisible(), true);
    assert.equal(Number(await page.textContent("#mistake-value")), 6);
    assert.equal(Number(await page.textContent("#derivative")), 54);
    await page.screenshot({ path: `${out}/chain_rule_visualizer-mistake.png`, fullPage: true });
    assert.match(page.url(), /#c=0&x=1$/);

    // With JavaScript off the page still reads: (2x + 1)^3 is drawn at x = 1.
    const still = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 1000 } });
    const plain = await still.newPage();
    plain.on("request", (r) => { if (r.url().split("#")[0] !== pageUrl) problems.push(`request: ${r.url()}`); });
    await plain.goto(pageUrl);
    assert.equal(Number(await plain.textContent("#derivative")), 54);
    assert.equal((await plain.textContent("#chain")).split("=").pop().trim(), "54");
    assert.ok((await plain.locator("#panel1 polyline").count()) > 0, "the outer curve is drawn");
    await plain.screenshot({ path: `${out}/chain_rule_visualizer-no-javascript.png`, fullPage: true });
    await still.close();

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
