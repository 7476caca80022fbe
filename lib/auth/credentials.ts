import { z } from 'zod';

// Shared by sign-up and sign-in, by the API routes and the forms.
export const credentialsSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,32}$/, 'Use 3–32 letters, digits, dots, dashes or underscores'),
  password: z.string().min(8, 'At least 8 characters').max(128, 'At most 128 characters'),
});

export type Credentials = z.infer<typeof credentialsSchema>;
