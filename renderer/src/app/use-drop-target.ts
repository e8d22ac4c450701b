/**
 * Drag-and-drop onto a zone: whether files are being dragged over it (for the highlight), and the
 * handlers to spread on the element. dragenter/dragleave fire for every child element, so they
 * are counted to know when the pointer really left. While `busy`, drops are refused.
 */
import { useRef, useState, type DragEvent } from 'react';

export interface DropTarget {
  over: boolean;
  handlers: {
    onDragEnter(event: DragEvent<HTMLElement>): void;
    onDragLeave(): void;
    onDragOver(event: DragEvent<HTMLElement>): void;
    onDrop(event: DragEvent<HTMLElement>): void;
  };
}

export function useDropTarget(busy: boolean, onDrop: (event: DragEvent<HTMLElement>) => void): DropTarget {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  return {
    over,
    handlers: {
      onDragEnter(event) {
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      },
      onDragLeave() {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDragOver(event) {
        event.preventDefault();
        event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
      },
      onDrop(event) {
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        if (!busy) onDrop(event);
      },
    },
  };
}
