// The backpropagation demo, used as a person would: open the page from disk
// in chromium, move the z slider, step through the passes, and compare the
// numbers the page shows with what the C++ program prints for the same z.
// Fails on any console error and on any request but the page itself.
// Environment: DEMO (the backprop_demo program), OUT (a folder under the build
// folder for the page and the screenshots).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const demo = process.env.DEMO, out = process.env.OUT;
assert.ok(demo && out, "DEMO and OUT must be set");
mkdirSync(out, { recursive: true });

// What the C++ program prints at z: the tutorial network's forward values,
// its backward factors, and dL/dz.
function printed(z) {
  const text = execFileSync(demo, [`--z=${z}`, `--out=${out}`], { encoding: "utf8" });
  const tutorial = text.split("\n\nWith a weight")[0];
  const number = (re) => {
    const m = tutorial.match(re);
    assert.ok(m, `the program's output has ${re}`);
    return Number(m[1]);
  };
  return {
    a2: number(/a2 = sigma\(a1\) = (\S+)/),
    loss: number(/L = \(a2 - 4\/5\)\^2 = (\S+)/),
    dz: number(/^dL\/dz = (\S+)/m),
    sigmaPrime: number(/da2\/da1 = \S+ x (\S+) =/),
    dA2: number(/dL\/da2 = dL\/dL \* dL\/da2 = 1 x (\S+) =/),
  };
}

const near = (a, b, digits = 6) => Math.abs(a - b) <= 0.5 * Math.pow(10, 1 - digits) * Math.max(Math.abs(b), 1e-300) + 1e-12;
const lastNumber = (s) => Number(s.trim().split(/[=\s]+/).filter(Boolean).pop());

test("backprop_demo.html shows the program's numbers", async () => {
  const expected2 = printed(2); // also writes the page
  const page_url = pathToFileURL(`${out}/backprop_demo.html`).href;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => { if (r.url().split("#")[0] !== page_url) problems.push(`request: ${r.url()}`); });

    await page.goto(page_url);
    await page.screenshot({ path: `${out}/backprop_demo-z2-end.png`, fullPage: true });

    // The default state: z = 2, every step done.
    assert.equal(await page.textContent("#z-value"), "2");
    assert.ok(near(lastNumber(await page.textContent("#product")), expected2.dz), "the chain's product is dL/dz");
    assert.ok(near(lastNumber(await page.textContent("#n0-grads")), expected2.dz));
    assert.ok(near(Number(await page.textContent("#n0-loss")), expected2.loss));
    assert.ok(near(Number(await page.textContent("#n0-e1-v")), 2)); // a1 above the a1 -> a2 edge
    assert.ok(near(Number(await page.textContent("#n0-e2-v")), expected2.a2));
    assert.ok(near(Number(await page.textContent("#n0-e2-g")), expected2.dA2)); // dL/da2 below it
    const product = await page.textContent("#product");
    assert.ok(product.includes(String(Number(expected2.sigmaPrime.toPrecision(6)))), `sigma'(a1) among the factors: ${product}`);
    assert.ok((await page.textContent("body")).includes("0.016966"), "the PyTorch figure is shown");

    // Step back to the start with the button and the keyboard: the gradients disappear.
    await page.click("#reset");
    assert.equal(await page.textContent("#step-index"), "0");
    assert.match(await page.textContent("#sentence"), /^Inputs: z = 2/);
    assert.equal(await page.locator("#n0-e2-g").evaluate((e) => e.classList.contains("hidden")), true);
    assert.match(page.url(), /#z=2&step=0$/);
    for (let i = 0; i < 3; ++i) await page.click("#next");
    assert.match(await page.textContent("#sentence"), /^Forward: L = \(a2 - 4\/5\)\^2 = (\S+)\.$/);
    assert.ok(near(lastNumber((await page.textContent("#sentence")).replace(/\.$/, "")), expected2.loss));
    await page.keyboard.press("ArrowRight"); // the seed
    await page.keyboard.press("ArrowRight"); // dL/da2
    await page.keyboard.press("ArrowRight"); // dL/da1 = dL/da2 * sigma'(a1)
    const sentence = await page.textContent("#sentence");
    const m = sentence.match(/^Backward: dL\/da1 = dL\/da2 · da2\/da1 = (\S+) × (\S+) = (\S+),/);
    assert.ok(m, sentence);
    assert.ok(near(Number(m[1]), expected2.dA2) && near(Number(m[2]), expected2.sigmaPrime));
    assert.match(page.url(), /#z=2&step=6$/);
    await page.screenshot({ path: `${out}/backprop_demo-z2-step6.png`, fullPage: true });
    await page.keyboard.press("ArrowLeft");
    assert.equal(await page.textContent("#step-index"), "5");

    // Move the slider, as a person would with the keyboard: 1/8 per key press.
    for (const [z, presses, key] of [[0.5, 12, "ArrowLeft"], [-1, 12, "ArrowLeft"]]) {
      await page.focus("#z-slider");
      for (let i = 0; i < presses; ++i) await page.keyboard.press(key);
      assert.equal(await page.textContent("#z-value"), String(z));
      await page.click("#reset");
      for (let i = 0; i < 7; ++i) await page.click("#next");
      const e = printed(z);
      assert.ok(near(lastNumber(await page.textContent("#product")), e.dz), `dL/dz at z = ${z}`);
      assert.ok(near(Number(await page.textContent("#n0-loss")), e.loss), `L at z = ${z}`);
      const dead = await page.locator("#n0-node1").evaluate((el) => el.classList.contains("dead"));
      assert.equal(dead, z <= 0, `the relu is greyed out exactly when z <= 0 (z = ${z})`);
      await page.screenshot({ path: `${out}/backprop_demo-z${z}.png`, fullPage: true });
    }

    // The state in the URL hash is read back.
    await page.goto(`${page_url}#z=0.5&step=2`);
    await page.reload();
    assert.equal(await page.textContent("#z-value"), "0.5");
    assert.equal(await page.textContent("#step-index"), "2");

    // With JavaScript off the page still reads: the graph is drawn for z = 2.
    const still = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 1400 } });
    const plain = await still.newPage();
    plain.on("request", (r) => { if (r.url().split("#")[0] !== page_url) problems.push(`request: ${r.url()}`); });
    await plain.goto(page_url);
    assert.ok(near(Number(await plain.textContent("#n0-e2-v")), expected2.a2));
    assert.ok(near(lastNumber(await plain.textContent("#product")), expected2.dz));
    await plain.screenshot({ path: `${out}/backprop_demo-no-javascript.png`, fullPage: true });
    await still.close();

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
