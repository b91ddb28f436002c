import { z } from 'zod';

/** The contest rules a client checks before sending; the API checks them again on what it receives. */
export const uploadRulesAnswer = z.object({
  accepted_types: z.array(z.string()).meta({ description: 'Tipos de archivo aceptados (el contenido se verifica).' }),
  max_bytes: z.number().int().meta({ description: 'Tamaño máximo del archivo en bytes (UPLOAD_MAX_BYTES).' }),
  min_seconds: z.number().meta({ description: 'Duración mínima en segundos (VIDEO_MIN_SECONDS).' }),
  max_seconds: z.number().meta({ description: 'Duración máxima en segundos (VIDEO_MAX_SECONDS).' }),
  min_short_side: z
    .number()
    .int()
    .meta({ description: 'Lado corto mínimo en píxeles: 1080 admite 1920x1080 y 1080x1920 (VIDEO_MIN_SHORT_SIDE).' }),
  title_max_length: z.number().int().meta({ description: 'Longitud máxima del título (fija en el contrato).' }),
  summary: z.string().meta({ description: 'Las reglas en una frase, para mostrarlas junto al campo del archivo.' }),
});
