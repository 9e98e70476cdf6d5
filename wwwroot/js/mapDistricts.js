// The 18 districts on the map: outlines with permanent name labels (in their own pane, under the
// markers), one of them highlighted for a district search. Uses the global L.

const STYLE = { color: '#3d4f63', weight: 1.5, opacity: 0.9, fillColor: '#9fb6cc', fillOpacity: 0.12 };
const SELECTED_STYLE = { color: '#0b3d6e', weight: 3.5, opacity: 1, fillColor: '#5b8fc7', fillOpacity: 0.2 };

export function createDistrictLayer(map, { onClick }) {
  // District labels sit above the shapes but below the markers, so they never hide a club.
  map.createPane('districtLabels').style.zIndex = '550';
  const layer = L.geoJSON(null, {
    style: () => STYLE,
    bubblingMouseEvents: false,
    onEachFeature: bindDistrict
  }).addTo(map);
  let selected = null;

  function bindDistrict(feature, shape) {
    const label = document.createElement('span');
    label.textContent = feature.properties.name;
    shape.bindTooltip(label, {
      permanent: true,
      direction: 'center',
      className: 'district-label',
      pane: 'districtLabels',
      interactive: false
    });
    shape.on('click', function onDistrictClick(event) {
      onClick(event.latlng, feature.properties);
    });
  }

  function setData(geojson) {
    layer.clearLayers();
    layer.addData(geojson);
    if (selected !== null) {
      select(selected);
    }
  }

  function find(number) {
    let found = null;
    layer.eachLayer(function matchDistrict(shape) {
      if (String(shape.feature.properties.number) === String(number)
        || String(shape.feature.properties.roman).toUpperCase() === String(number).toUpperCase()) {
        found = shape;
      }
    });
    return found;
  }

  // Highlights one district (or none) and returns its shape when it is on the map.
  function select(number) {
    selected = number;
    layer.eachLayer(function resetDistrict(shape) {
      shape.setStyle(STYLE);
    });
    const shape = number === null ? null : find(number);
    if (shape) {
      shape.setStyle(SELECTED_STYLE);
      shape.bringToFront();
    }
    return shape;
  }

  return {
    setData,
    select,
    bounds: () => layer.getBounds(),
    isEmpty: () => layer.getLayers().length === 0
  };
}
