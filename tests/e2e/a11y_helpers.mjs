// Browser-test helpers that see the app as assistive technology does: Chromium's own accessibility tree over CDP
// (Accessibility.getFullAXTree), and acting through it (focus an element the tree names, then keys), with no
// mouse event and no pixel coordinate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './harness.mjs';

// The tree as a screen reader gets it: unignored nodes with role, name, description, value and properties.
export async function axTree(page) {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    return nodes.filter((node) => !node.ignored).map((node) => {
      const properties = {};
      for (const property of node.properties || []) properties[property.name] = property.value && property.value.value;
      return {
        role: node.role && node.role.value,
        name: (node.name && node.name.value) || '',
        description: (node.description && node.description.value) || '',
        value: node.value && node.value.value,
        properties,
        backendDOMNodeId: node.backendDOMNodeId,
        nodeId: node.nodeId,
        parentId: node.parentId,
        childIds: node.childIds || [],
      };
    });
  } finally {
    await session.detach();
  }
}

// Waits until the tree holds a node of `role` whose name matches (a string or a predicate over the node).
export async function waitForAx(page, role, match, { timeout = 15000 } = {}) {
  const test = typeof match === 'function' ? match : (node) => node.name === match;
  const start = Date.now();
  let last = [];
  while (Date.now() - start < timeout) {
    last = await axTree(page);
    const found = last.find((node) => node.role === role && test(node));
    if (found) return found;
    await page.waitForTimeout(100);
  }
  const seen = last.filter((node) => node.role === role).map((node) => node.name).slice(0, 30);
  throw new Error(`no ${role} matching ${match} in the accessibility tree (seen: ${JSON.stringify(seen)})`);
}

export async function noAx(page, role, match) {
  const test = typeof match === 'function' ? match : (node) => node.name === match;
  return !(await axTree(page)).some((node) => node.role === role && test(node));
}

// Moves keyboard focus to the element behind an accessibility node (what a screen reader's cursor does).
export async function focusAx(page, node) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.getDocument', { depth: 0 });
    await session.send('DOM.focus', { backendNodeId: node.backendDOMNodeId });
  } finally {
    await session.detach();
  }
}

// An ARIA attribute of the element behind an accessibility node (CDP's tree leaves out aria-rowcount, aria-sort…).
export async function axAttribute(page, node, name) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.getDocument', { depth: 0 });
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
    const { result } = await session.send('Runtime.callFunctionOn', { objectId: object.objectId,
      functionDeclaration: 'function (name) { return this.getAttribute(name); }', arguments: [{ value: name }], returnByValue: true });
    return result.value;
  } finally {
    await session.detach();
  }
}

// Focus then a key: how a keyboard user acts on a widget found by role and name.
export async function pressAx(page, role, name, key = 'Enter') {
  const node = await waitForAx(page, role, name);
  await focusAx(page, node);
  await page.keyboard.press(key);
  return node;
}

// Text as a phone keyboard, dictation or an input method delivers it: one insertText, no key events.
export async function insertText(page, text) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Input.insertText', { text });
  } finally {
    await session.detach();
  }
}

// The accessible name of the element that has focus, with its role.
export async function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { role: 'body', name: '', key: '' };
    const role = element.getAttribute('role') || element.tagName.toLowerCase();
    return { role, name: element.getAttribute('aria-label') || element.textContent || '', key: element.dataset.key || '' };
  });
}

// Runs axe-core (from npm) over the page and returns its serious and critical violations.
export async function axeViolations(page) {
  const source = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
}

export async function mirrorElementCount(page) {
  return page.evaluate(() => document.querySelectorAll('#a11y-root *').length);
}
