// The map of member libraries (libraries/maps.py): progressive enhancement
// of the list beside it. The markers come from the page's JSON script tag;
// each opens a popup linking to the library's page (and to its practices).
// Text goes in as text, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("library-map");
  var data = document.getElementById("library-map-data");
  if (!box || !data || !window.L) {
    return;
  }
  var libraries = JSON.parse(data.textContent);
  box.hidden = false;
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.dataset.tiles, {
    attribution: box.dataset.attribution,
    maxZoom: 18,
  }).addTo(map);

  // Leaflet's default icon, named by the static files' (hashed) addresses.
  var icon = L.icon({
    iconUrl: box.dataset.icon,
    iconRetinaUrl: box.dataset.icon2x,
    shadowUrl: box.dataset.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  var points = libraries.map(function (library) {
    var popup = document.createElement("div");
    popup.className = "library-map__popup";
    var name = document.createElement("p");
    name.appendChild(link(library.url, library.name));
    popup.appendChild(name);
    if (library.place) {
      var place = document.createElement("p");
      place.className = "meta";
      place.textContent = library.place;
      popup.appendChild(place);
    }
    if (library.more_url) {
      var more = document.createElement("p");
      more.appendChild(link(library.more_url, library.more_label));
      popup.appendChild(more);
    }
    L.marker([library.lat, library.lng], {
      icon: icon,
      title: library.name,
      alt: library.name,
      // Not a tab stop: markers overlap at a country's scale (too small a
      // target, WCAG 2.5.8), and the list beside the map holds the same links.
      keyboard: false,
    })
      .bindPopup(popup)
      .addTo(map);
    return [library.lat, library.lng];
  });
  map.fitBounds(points, { padding: [32, 32], maxZoom: 11 });
})();
