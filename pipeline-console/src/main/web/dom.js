/**
 * Builds DOM elements. Text always goes in as text nodes, never as markup, so nothing a state
 * machine holds can inject HTML.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An HTML element: `h('button', {type: 'button', onclick: handler}, 'Fit')`. Attributes named
 * `on<event>` add listeners; `true` sets an empty attribute; `false`, null and undefined set none.
 */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element, as {@link h}. */
export function svg(tag, attributes = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attributes, children);
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}
