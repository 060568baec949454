/** Where the Photos APIs live: the Picker API for export, the Library API for import. */
export const PICKER_API = 'https://photospicker.googleapis.com/v1';
export const LIBRARY_API = 'https://photoslibrary.googleapis.com/v1';
