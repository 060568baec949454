/**
 * OneDrive's limits for one person's files, shared by photos and files. OneDrive is not bound by Outlook's
 * 4-per-mailbox limit; SharePoint Online limits each user to 3,000 requests per 5 minutes
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online,
 * "User" rows), counting fragment PUTs as well. It names no concurrency ceiling; four files at a time, as
 * rclone's default, fill a 200 Mbit/s line across the round trips of each file, and hold two 10 MiB fragments each.
 */
import type { ProviderLimits } from '../../model/adapter';

export const ONEDRIVE_LIMITS: ProviderLimits = { minIntervalMs: 0, maxConcurrency: 4, window: { requests: 3_000, ms: 5 * 60 * 1000 } };
