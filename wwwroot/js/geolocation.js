// "Use my location": asks the browser only when the parent presses the button, and turns every
// failure into a reason the page can explain in words.

export const DEFAULTS = {
  timeout: 15000,
  maximumAge: 60000,
  enableHighAccuracy: false,
  // The browser's own timeout starts only after permission is given; this guard also covers a
  // permission prompt that is never answered, so the page never waits for ever.
  guard: 45000
};

// reason: 'unsupported', 'insecure', 'denied', 'unavailable' or 'timeout'.
export class GeolocationError extends Error {
  constructor(reason) {
    super(`Geolocation failed: ${reason}`);
    this.name = 'GeolocationError';
    this.reason = reason;
  }
}

export function locate(options) {
  const settings = { ...DEFAULTS, ...options };
  return new Promise(function runLocate(resolve, reject) {
    if (!('geolocation' in navigator)) {
      reject(new GeolocationError('unsupported'));
      return;
    }
    if (window.isSecureContext === false) {
      reject(new GeolocationError('insecure'));
      return;
    }
    let settled = false;
    const guard = window.setTimeout(function onGuardTimeout() {
      settled = true;
      reject(new GeolocationError('timeout'));
    }, settings.guard);

    function onPosition(position) {
      if (settled) {
        return;
      }
      settled = true;
      window.clearTimeout(guard);
      resolve({ lat: position.coords.latitude, lon: position.coords.longitude, accuracy: position.coords.accuracy });
    }

    function onError(error) {
      if (settled) {
        return;
      }
      settled = true;
      window.clearTimeout(guard);
      const reasons = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };
      reject(new GeolocationError(reasons[error.code] ?? 'unavailable'));
    }

    navigator.geolocation.getCurrentPosition(onPosition, onError, {
      timeout: settings.timeout,
      maximumAge: settings.maximumAge,
      enableHighAccuracy: settings.enableHighAccuracy
    });
  });
}
