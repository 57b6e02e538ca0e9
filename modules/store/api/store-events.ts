import type { StoreGroup, StoreView, Website } from './store-entities';

export interface WebsiteSavedEvent {
  website: Website;
  isNew: boolean;
}

export interface StoreGroupSavedEvent {
  group: StoreGroup;
  isNew: boolean;
}

export interface StoreViewSavedEvent {
  store: StoreView;
  isNew: boolean;
  /** The row before the change, for updates (activation, deactivation). */
  previous?: StoreView;
}

declare module '../../../app/event/event-map' {
  interface EventMap {
    store_website_save_after: WebsiteSavedEvent;
    store_group_save_after: StoreGroupSavedEvent;
    store_save_after: StoreViewSavedEvent;
  }
}
