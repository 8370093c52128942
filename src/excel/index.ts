export { createOfficeGateway } from "./office-gateway";
