import { waitFor } from '@testing-library/preact';
import { expect } from 'vitest';

/** Focus moves in an effect, i.e. right after the frame that shows the errors. */
export const expectFocusOn = (element: Element) => waitFor(() => expect(document.activeElement).toBe(element));
