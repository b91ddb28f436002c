import { z } from 'zod';

/** Field messages in `errors[]` speak the players' language, like every `detail`. */
z.config(z.locales.es());
