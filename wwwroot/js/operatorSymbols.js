// One symbol per operator type: a distinct shape AND colour (never colour alone), drawn as SVG
// with createElementNS. Approximate locations get a hollow, dashed outline.

export const OPERATOR_TYPES = ['ngo', 'culture', 'mops', 'city', 'other'];

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const SYMBOLS = {
  ngo: { colour: '#0072b2', shape: 'circle' },
  culture: { colour: '#c24e00', shape: 'square' },
  mops: { colour: '#007a5a', shape: 'triangle' },
  city: { colour: '#a8336f', shape: 'diamond' },
  other: { colour: '#595959', shape: 'hexagon' }
};

const SVG_NS = 'http://www.w3.org/2000/svg';

export const DEFAULTS = {
  size: 24,
  approximate: false
};

export function symbolFor(type) {
  return SYMBOLS[type] ?? SYMBOLS.other;
}

function shapeElement(shape) {
  let element;
  switch (shape) {
    case 'circle':
      element = document.createElementNS(SVG_NS, 'circle');
      element.setAttribute('cx', '12');
      element.setAttribute('cy', '12');
      element.setAttribute('r', '8.5');
      break;
    case 'square':
      element = document.createElementNS(SVG_NS, 'rect');
      element.setAttribute('x', '4');
      element.setAttribute('y', '4');
      element.setAttribute('width', '16');
      element.setAttribute('height', '16');
      break;
    case 'triangle':
      element = document.createElementNS(SVG_NS, 'polygon');
      element.setAttribute('points', '12,2.5 21.5,20 2.5,20');
      break;
    case 'diamond':
      element = document.createElementNS(SVG_NS, 'polygon');
      element.setAttribute('points', '12,1.5 22.5,12 12,22.5 1.5,12');
      break;
    default:
      element = document.createElementNS(SVG_NS, 'polygon');
      element.setAttribute('points', '12,2 20.7,7 20.7,17 12,22 3.3,17 3.3,7');
  }
  return element;
}

// Returns a fresh <svg> each call (an element can only live in one place in the DOM).
export function createOperatorSymbol(type, options) {
  const settings = { ...DEFAULTS, ...options };
  const symbol = symbolFor(type);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(settings.size));
  svg.setAttribute('height', String(settings.size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('operator-symbol', `operator-symbol--${symbol.shape}`);

  const shape = shapeElement(symbol.shape);
  if (settings.approximate) {
    shape.setAttribute('fill', '#ffffff');
    shape.setAttribute('stroke', symbol.colour);
    shape.setAttribute('stroke-width', '2.5');
    shape.setAttribute('stroke-dasharray', '3 2');
  } else {
    shape.setAttribute('fill', symbol.colour);
    shape.setAttribute('stroke', '#ffffff');
    shape.setAttribute('stroke-width', '1.5');
  }
  svg.appendChild(shape);
  return svg;
}

// The search point ("you searched from here"): a dark crosshair ring.
export function createOriginSymbol(size = 26) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('origin-symbol');

  const ring = document.createElementNS(SVG_NS, 'circle');
  ring.setAttribute('cx', '12');
  ring.setAttribute('cy', '12');
  ring.setAttribute('r', '8');
  ring.setAttribute('fill', '#ffffff');
  ring.setAttribute('stroke', '#111111');
  ring.setAttribute('stroke-width', '3');
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('cx', '12');
  dot.setAttribute('cy', '12');
  dot.setAttribute('r', '3');
  dot.setAttribute('fill', '#111111');
  svg.append(ring, dot);
  return svg;
}
