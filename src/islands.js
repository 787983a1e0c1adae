// Loads the wasm bundle and hydrates the page's islands (rendered into the page by src/server/http/shell.rs).
// It waits until the page has painted and the browser is idle, so that the bundle never
// competes with the page itself for the network or the main thread, and it hydrates one
// island per task, so that no task keeps the page from answering input for long. Then
// client-side navigation starts (src/nav.rs); it hydrates the islands of later pages through
// window.__hydrateIsland. Newsroom pages, which have no client-side navigation, pass
// `navigate` false.
((js, wasm, navigate) => {
  const idle = (f) =>
    "requestIdleCallback" in window ? requestIdleCallback(f, { timeout: 3000 }) : setTimeout(f, 100);
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  idle(async () => {
    const bundle = await import(js);
    await bundle.default({ module_or_path: wasm });
    bundle.hydrate();
    const hydrateIsland = (el) => {
      const island = bundle[el.dataset.component];
      if (island) {
        island(el);
      } else {
        console.warn(`no island ${el.dataset.component} in this bundle`);
      }
    };
    window.__hydrateIsland = hydrateIsland;
    for (const el of document.querySelectorAll("leptos-island")) {
      await nextTask();
      hydrateIsland(el);
    }
    if (navigate) {
      await nextTask();
      bundle.start();
    }
  });
})
