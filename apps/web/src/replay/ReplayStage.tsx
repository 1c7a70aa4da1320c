import { useEffect, useRef, useState, type RefObject } from 'react';

interface Props {
  mount: RefObject<HTMLDivElement | null>;
  viewport: { width: number; height: number } | null;
  /** Shown over the stage instead of the page (loading, an error). */
  overlay?: string | null;
}

/** Where the recorded page is drawn: the Replayer's frame at its recorded size, scaled down to fit the screen. */
export function ReplayStage({ mount, viewport, overlay }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setBoxWidth(entry!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const maxHeight = Math.max(240, Math.round(window.innerHeight * 0.6));
  const scale = viewport && boxWidth > 0 ? Math.min(1, boxWidth / viewport.width, maxHeight / viewport.height) : 1;
  return (
    <div ref={box} className="replay-stage" style={{ height: viewport ? Math.round(viewport.height * scale) : maxHeight }}>
      <div ref={mount} className="replay-mount" style={{ transform: `scale(${scale})` }} aria-label="Recorded page" role="img" />
      {overlay && <div className="replay-overlay">{overlay}</div>}
    </div>
  );
}
