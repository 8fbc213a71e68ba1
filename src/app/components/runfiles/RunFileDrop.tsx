/**
 * Dropping a .ganrun file anywhere on the page opens it. Drops that another zone handled (the
 * image upload) or that carry no run file are left alone.
 */
import { useEffect } from 'react';
import { useKeepingStore } from '../../keepingContext';

const isRunFile = (f: File) => f.name.toLowerCase().endsWith('.ganrun');

export function RunFileDrop() {
  const keeping = useKeepingStore();
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented) return;
      const file = Array.from(e.dataTransfer?.files ?? []).find(isRunFile);
      e.preventDefault();
      if (file) void keeping.getState().openFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [keeping]);
  return null;
}
