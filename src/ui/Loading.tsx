/** The screen shown while the scenario and the drill's own chunk load. */
export function Loading() {
  return (
    <main id="main" className="loading">
      <h1>Outage Drill</h1>
      <p role="status">Loading the scenario…</p>
    </main>
  );
}
