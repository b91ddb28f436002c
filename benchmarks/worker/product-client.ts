import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { newPlayerOverHttp } from '@anb/testing/players-over-http';

/** What a player's client does against the running product, over HTTP only (the contract's endpoints). */
export class ProductClient {
  readonly #api: string;
  readonly #auth: { authorization: string };

  private constructor(api: string, auth: { authorization: string }) {
    this.#api = api;
    this.#auth = auth;
  }

  /** A new player, signed up and logged in; `api` is the base URL ending in `/api`. */
  static async signUp(api: string): Promise<ProductClient> {
    const player = await newPlayerOverHttp(api, 'Bogotá');
    return new ProductClient(api, player.auth);
  }

  /** POST /api/videos/upload (multipart, the file streamed from disk); resolves with the video id on 201. */
  async upload(file: string, title: string): Promise<string> {
    const form = new FormData();
    form.append('title', title);
    form.append('video_file', await openAsBlob(file, { type: 'video/mp4' }), basename(file));
    const response = await fetch(`${this.#api}/videos/upload`, { method: 'POST', headers: this.#auth, body: form });
    if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { video_id: string }).video_id;
  }

  /** GET /api/videos: the status of each of the player's videos by id. */
  async statuses(): Promise<Map<string, { status: string; failure_reason?: string }>> {
    const response = await fetch(`${this.#api}/videos`, { headers: this.#auth });
    if (response.status !== 200) throw new Error(`GET /videos answered ${response.status}`);
    const videos = (await response.json()) as { video_id: string; status: string; failure_reason?: string }[];
    return new Map(videos.map((video) => [video.video_id, video]));
  }
}
