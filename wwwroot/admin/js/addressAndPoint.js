// The editor's address and point: the street box with gazetteer suggestions (the finder's
// combobox), house number and postcode, the map with a draggable marker, the coordinates and
// the district the point falls in. Choosing an address moves the marker; moving the marker or
// typing coordinates updates the other.

import { t } from './i18n.js';
import { el, addDescribedBy } from './dom.js';
import { createPlaceCombobox } from '../../js/placeCombobox.js';
import { createLocationPicker } from './locationPicker.js';
import { fieldFor, labelFor, setControl, readControl } from './clubFields.js';
import { sameValue } from './clubDocument.js';

let mapData = null;

// The map's settings and the district outlines, asked for once per page load.
export async function loadMapData(api) {
  if (!mapData) {
    const [config, districts] = await Promise.all([
      api.config().catch(() => ({})),
      api.districtShapes().catch(() => null)
    ]);
    mapData = { config, districts };
  }
  return mapData;
}

// Fills `fieldset`, which is already in the page so that the map can measure itself.
// currentDoc() is the document as loaded (its district and point); onChange() marks the form edited.
export function createAddressAndPoint(fieldset, { controls, api, mapData: { config, districts }, currentDoc, announce, onChange }) {
  const street = controls['address.street'];
  const precision = controls['location.precision'];
  const listbox = el('ul', { id: 'address-suggestions', className: 'combobox__listbox', attrs: { 'aria-labelledby': 'street-label' } });
  const addressStatus = el('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  const districtOutput = el('p', { id: 'club-district', className: 'district', attrs: { 'aria-live': 'polite' } });
  const unlocatedNote = el('p', { id: 'unlocated-note', className: 'notice notice--warning', text: t('location.unlocated'), hidden: true });
  const mapElement = el('div', { id: 'club-map', className: 'club-map', attrs: { role: 'application', 'aria-label': t('location.mapLabel') } });
  const field = (name) => fieldFor(controls, name);

  fieldset.append(
    el('legend', { text: t('editor.addressAndPoint') }),
    el('div', { className: 'row' },
      el('div', { className: 'field field--grow' },
        el('label', { htmlFor: street.id, id: 'street-label', text: labelFor('address.street') }),
        el('div', { className: 'combobox' }, street, listbox),
        el('p', { id: 'street-hint', className: 'field__hint', text: t('address.hint') }),
        addressStatus),
      field('address.houseNumber'),
      field('address.postcode')),
    unlocatedNote,
    el('p', { id: 'map-hint', className: 'field__hint', text: t('location.hint') }),
    mapElement,
    el('div', { className: 'row' }, field('location.lat'), field('location.lon'), field('location.precision')),
    districtOutput);
  addDescribedBy(street, 'street-hint');

  const picker = createLocationPicker(mapElement, {
    center: config.center ?? undefined,
    zoom: config.zoom ?? 12,
    tileUrl: config.tileUrl ?? '',
    tileAttribution: config.tileAttribution ?? '',
    districts,
    onMove: onMarkerMoved
  });

  createPlaceCombobox(street, {
    listbox,
    status: addressStatus,
    messages: 'address',
    clearOnEscape: false,
    fetchSuggestions: async (q) => (await api.places(q)).map((place) => ({ label: place.label, detail: place.district?.name ?? '', place })),
    onChoose: ({ place }) => onPlaceChosen(place)
  });

  // The combobox has put the label in the street box; an address is split into its parts.
  function onPlaceChosen(place) {
    const parsed = /^(.*?)\s+(\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)?)(?:\s*,\s*(\d{2}-\d{3}))?(?:\s*,.*)?$/.exec(place.label);
    if (place.kind === 'address' && parsed) {
      street.value = parsed[1];
      controls['address.houseNumber'].value = parsed[2];
      if (parsed[3]) {
        controls['address.postcode'].value = parsed[3];
      }
    } else if (place.kind === 'street' || place.kind === 'address') {
      street.value = place.label.split(',')[0];
    }
    precision.value = place.kind === 'address' ? 'building' : place.kind === 'street' ? 'street' : 'area';
    setPoint({ lat: place.lat, lon: place.lon }, { zoom: true });
    onChange();
    announce(t('location.movedToAddress', { label: place.label }));
  }

  function onMarkerMoved(point) {
    setPoint(point, { moveMarker: false });
    precision.value = 'building';
    onChange();
    announce(t('location.moved', { lat: point.lat.toFixed(6), lon: point.lon.toFixed(6) }));
  }

  function setPoint(point, { moveMarker = true, zoom = false }) {
    setControl(controls, 'location.lat', point.lat);
    setControl(controls, 'location.lon', point.lon);
    if (moveMarker) {
      picker.moveTo(point, { zoom });
    }
    unlocatedNote.hidden = true;
    showDistrict(currentDoc().district, !sameValue(roundPoint(point), roundPoint(currentDoc().location)));
  }

  function onCoordinatesChanged() {
    const point = { lat: readControl(controls, 'location.lat'), lon: readControl(controls, 'location.lon') };
    if (Number.isFinite(point.lat) && Number.isFinite(point.lon)) {
      picker.moveTo(point, { zoom: false });
      showDistrict(currentDoc().district, true);
    }
  }
  controls['location.lat'].addEventListener('change', onCoordinatesChanged);
  controls['location.lon'].addEventListener('change', onCoordinatesChanged);

  // The district is the server's, for the stored point; a moved point's is worked out on saving.
  function showDistrict(district, moved) {
    const name = district ? t('location.district', { number: district.number, name: district.name }) : t('location.noDistrict');
    districtOutput.textContent = moved ? `${name} ${t('location.recomputed')}` : name;
  }

  // After the plain fields were filled from doc: the marker, the note and the district follow.
  function fill(doc) {
    if (doc.location) {
      picker.moveTo(doc.location, { zoom: true });
    }
    unlocatedNote.hidden = Boolean(doc.location);
    showDistrict(doc.district, false);
  }

  return { fill, destroy: () => picker.destroy() };
}

function roundPoint(point) {
  return point ? { lat: Math.round(point.lat * 1e6) / 1e6, lon: Math.round(point.lon * 1e6) / 1e6 } : null;
}
