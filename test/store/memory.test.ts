import { MemoryIndexStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', { make: () => Promise.resolve(new MemoryIndexStore()) });
