/**
 * Zoom and pan of a drawing inside an `<svg>`: the wheel zooms around the pointer, dragging the
 * background pans, and the toolbar's buttons call {@link Viewport#zoomBy} and {@link Viewport#fit}.
 */

const MIN_SCALE = 0.1;
const MAX_SCALE = 3;

/**
 * @typedef {{zoomBy: (factor: number) => void, fit: () => void}} Viewport
 */

/**
 * @param {SVGSVGElement} canvas the `<svg>`
 * @param {SVGGElement} content the drawing, transformed
 * @param {{width: number, height: number}} size the drawing's size
 * @returns {Viewport}
 */
export function attachViewport(canvas, content, size) {
  let view = { x: 0, y: 0, k: 1 };
  const apply = () =>
    content.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.k})`);
  const zoomAt = (factor, cx, cy) => {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.k * factor));
    view = { x: cx - ((cx - view.x) * k) / view.k, y: cy - ((cy - view.y) * k) / view.k, k };
    apply();
  };
  const fit = () => {
    const { width, height } = canvas.getBoundingClientRect();
    const k = Math.min(
      1.25,
      Math.max(MIN_SCALE, Math.min(width / size.width, height / size.height) * 0.95),
    );
    view = { x: (width - size.width * k) / 2, y: Math.max(0, (height - size.height * k) / 2), k };
    apply();
  };

  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const bounds = canvas.getBoundingClientRect();
      zoomAt(
        Math.exp(-event.deltaY * 0.0015),
        event.clientX - bounds.left,
        event.clientY - bounds.top,
      );
    },
    { passive: false },
  );

  let drag = null;
  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target.closest('.state')) return;
    drag = { id: event.pointerId, x: event.clientX - view.x, y: event.clientY - view.y };
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add('panning');
  });
  canvas.addEventListener('pointermove', (event) => {
    if (drag?.id !== event.pointerId) return;
    view = { ...view, x: event.clientX - drag.x, y: event.clientY - drag.y };
    apply();
  });
  const stop = (event) => {
    if (drag?.id !== event.pointerId) return;
    drag = null;
    canvas.classList.remove('panning');
  };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);

  return {
    zoomBy: (factor) => {
      const { width, height } = canvas.getBoundingClientRect();
      zoomAt(factor, width / 2, height / 2);
    },
    fit,
  };
}
